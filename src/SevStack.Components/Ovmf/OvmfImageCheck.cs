using SevStack.Measurement.Firmware;
using SevStack.Toolkit;

namespace SevStack.Components.Ovmf;

/// <summary>
/// Checks a built OVMF image, read with the measurement's parser (<see cref="OvmfImage"/>), for what its platform and
/// SEV level need: AmdSev reserves the SEV secret and kernel-hashes areas in the footer table; an image for SEV-SNP
/// carries the SEV-ES reset block and the SNP metadata with the pages QEMU fills at launch.
/// </summary>
public static class OvmfImageCheck
{
    /// <summary>The footer areas an image of <paramref name="variant"/> must reserve (a 32-bit base and a non-zero 32-bit size).</summary>
    public static IReadOnlyList<(Guid Guid, string Name)> ExpectedAreas(OvmfVariant variant) => variant == OvmfVariant.AmdSev
        ? [(FooterGuids.SevSecret, "SEV secret area"), (FooterGuids.SevHashTableArea, "SEV kernel-hashes area")]
        : [];

    /// <summary>
    /// The SNP metadata sections an SEV-SNP launch needs: the secrets and CPUID pages, which QEMU hands to the PSP and
    /// without which it refuses to finish the launch, and for AmdSev the page its measured direct boot puts the kernel hashes in.
    /// </summary>
    public static IReadOnlyList<SevMetadataSectionType> ExpectedSnpSections(OvmfVariant variant) => variant == OvmfVariant.AmdSev
        ? [SevMetadataSectionType.SnpSecrets, SevMetadataSectionType.Cpuid, SevMetadataSectionType.SnpKernelHashes]
        : [SevMetadataSectionType.SnpSecrets, SevMetadataSectionType.Cpuid];

    /// <summary>Reads the image and fails in one line when something its variant or level needs is missing; returns the image.</summary>
    public static OvmfImage Require(string image, OvmfVariant variant, SevBuildLevel level)
    {
        var firmware = OvmfImage.Load(image);
        foreach (var (guid, name) in ExpectedAreas(variant))
            if (firmware.Footer.ReadUInt32(guid, sizeof(uint)) is null or 0)
                throw new BuildException($"{image} has no {name} ({guid}) in its footer table, which the {variant} OVMF reserves; this edk2 tree cannot launch SEV guests with injected secrets (use a newer edk2).");
        if (level == SevBuildLevel.Snp)
            RequireSnp(firmware, image, variant);
        return firmware;
    }

    static void RequireSnp(OvmfImage firmware, string image, OvmfVariant variant)
    {
        var cannot = $"the {variant} OVMF cannot launch SEV-SNP guests (build the kata or amd-sev platform from an edk2 with SEV-SNP support, e.g. 2025.02)";
        if (!firmware.Footer.Contains(FooterGuids.SevMetadata))
            throw new BuildException($"{image} has no SEV-SNP metadata ({FooterGuids.SevMetadata}) in its footer table: {cannot}.");
        if (firmware.ApResetAddress is null)
            throw new BuildException($"{image} has no SEV-ES reset block ({FooterGuids.SevEsResetBlock}) in its footer table, where SNP application processors start: {cannot}.");
        var missing = ExpectedSnpSections(variant).Where(type => !firmware.HasMetadataSection(type)).ToList();
        if (missing.Count > 0)
            throw new BuildException(
                $"{image}'s SEV-SNP metadata lists {firmware.Metadata.Count} section(s) but none of type {string.Join(", ", missing)}, which an SNP launch fills: {cannot}.");
    }
}
