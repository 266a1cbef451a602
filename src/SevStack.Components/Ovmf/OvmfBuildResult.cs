namespace SevStack.Components.Ovmf;

/// <summary>The firmware files of a variant, inside edk2's Build folder.</summary>
/// <param name="Code">Null for AmdSev, which has no CODE/VARS split.</param>
public sealed record OvmfBuildResult(OvmfVariant Variant, string FirmwareDirectory, string ToolchainTag, string? Code, string? Vars, string Combined)
{
    /// <summary>The GUIDs in the image's footer table, checked for what the variant and SEV level need (<see cref="OvmfImageCheck"/>).</summary>
    public IReadOnlyList<Guid> FooterEntries { get; init; } = [];

    /// <summary>For AmdSev: whether its embedded GRUB carries the sevsecret module; null for the other variants.</summary>
    public bool? GrubHasSecretModule { get; init; }

    // Records compare lists by reference; a result read back from its output folder must equal the one stored.
    public bool Equals(OvmfBuildResult? other) => other is not null
        && (Variant, FirmwareDirectory, ToolchainTag, Code, Vars, Combined, GrubHasSecretModule)
            == (other.Variant, other.FirmwareDirectory, other.ToolchainTag, other.Code, other.Vars, other.Combined, other.GrubHasSecretModule)
        && FooterEntries.SequenceEqual(other.FooterEntries);

    public override int GetHashCode() => HashCode.Combine(Variant, FirmwareDirectory, Combined);
}
