namespace SevStack.Components.Qemu;

/// <summary>
/// The properties an SNP launch sets on QEMU's <c>sev-snp-guest</c> object (QEMU 9.1+, docs/system/i386/amd-memory-encryption.rst)
/// that its help lists: the guest policy, the workarounds and host data the attestation report carries, the ID block,
/// its authentication and author key, and the hashes of a measured direct boot. (cbitpos and reduced-phys-bits, set
/// on every SEV guest, are properties of the common SEV class that QEMU 10.0's help does not list.)
/// </summary>
public static class SnpGuestProperties
{
    public const string ObjectType = "sev-snp-guest";

    public static IReadOnlyList<string> Required { get; } =
        ["policy", "guest-visible-workarounds", "id-block", "id-auth", "author-key-enabled", "host-data", "kernel-hashes"];

    /// <summary>The required properties the help text does not list, in <see cref="Required"/>'s order.</summary>
    public static IReadOnlyList<string> Missing(string helpText)
    {
        var listed = QemuObjectProperties.Parse(helpText).ToHashSet(StringComparer.Ordinal);
        return Required.Where(p => !listed.Contains(p)).ToList();
    }
}
