namespace SevStack.Components.Qemu;

/// <summary>What a QEMU binary says about itself and its SEV guest objects.</summary>
public sealed record QemuSevSupport(string Binary, Version Version, bool HasSevGuest, bool HasSevSnpGuest)
{
    /// <summary>QEMU 9.1 added SEV-SNP guests (<c>sev-snp-guest</c>).</summary>
    public static Version FirstSnpVersion { get; } = new(9, 1);

    public bool ShouldHaveSevSnpGuest => Version >= FirstSnpVersion;

    /// <summary>What <c>-object sev-snp-guest,help</c> listed (checked to hold <see cref="SnpGuestProperties.Required"/>); empty without SNP guests.</summary>
    public IReadOnlyList<string> SnpGuestProperties { get; init; } = [];
}
