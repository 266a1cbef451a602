using SevStack.Measurement.DirectBoot;
using SevStack.Measurement.Firmware;
using SevStack.Measurement.Vmsa;

namespace SevStack.Measurement.Snp;

/// <summary>
/// The SNP launch sequence QEMU drives: the firmware's pages (NORMAL), then each range of OVMF's SNP metadata with the
/// page type its section asks for, then one VMSA per vCPU.
/// </summary>
static class SnpGuestMeasurement
{
    /// <summary>The digest after the firmware pages alone; a later computation may start from it.</summary>
    public static byte[] FirmwareDigest(OvmfImage firmware)
    {
        if (firmware.Data.Length % SnpLaunchDigest.PageSize != 0)
            throw new MeasurementException($"{firmware.Source} is {firmware.Data.Length} bytes, not whole {SnpLaunchDigest.PageSize}-byte pages; SNP launches whole pages, use the OVMF image as built");
        var digest = new SnpLaunchDigest();
        digest.AddNormalPages(firmware.Gpa, firmware.Data.Span);
        return digest.Current.ToArray();
    }

    public static byte[] Compute(OvmfImage firmware, byte[]? firmwareDigest, DirectBootHashes? directBoot, uint cpuidSignature, int vcpus, ulong guestFeatures)
    {
        if (firmware.Metadata.Count == 0)
            throw new MeasurementException($"{firmware.Source} has no SEV metadata (ASEV) in its footer table, so it cannot be launched as SEV-SNP: use an OVMF built from edk2 with SNP support");
        if (directBoot is not null && !firmware.HasMetadataSection(SevMetadataSectionType.SnpKernelHashes))
            throw new MeasurementException($"{firmware.Source}: a kernel was given but the firmware's SNP metadata has no kernel-hashes section; use the AmdSev OVMF build, or boot without a kernel");

        var digest = new SnpLaunchDigest(firmwareDigest ?? FirmwareDigest(firmware));
        foreach (var section in firmware.Metadata)
            AddSection(digest, section, firmware, directBoot);
        foreach (var vmsa in VmsaPage.ForVcpus(vcpus, firmware.ApResetAddress, cpuidSignature, guestFeatures, firmware.Source))
            digest.AddVmsaPage(vmsa);
        return digest.Current.ToArray();
    }

    static void AddSection(SnpLaunchDigest digest, SevMetadataSection section, OvmfImage firmware, DirectBootHashes? directBoot)
    {
        switch (section.Type)
        {
            case SevMetadataSectionType.SnpSecMem or SevMetadataSectionType.SvsmCaa:
                digest.AddZeroPages(section.Gpa, section.Size);
                break;
            case SevMetadataSectionType.SnpSecrets:
                ForEachPage(section, digest.AddSecretsPage);
                break;
            case SevMetadataSectionType.Cpuid:
                ForEachPage(section, digest.AddCpuidPage);
                break;
            case SevMetadataSectionType.SnpKernelHashes when directBoot is null:
                digest.AddZeroPages(section.Gpa, section.Size);
                break;
            case SevMetadataSectionType.SnpKernelHashes:
                digest.AddNormalPages(section.Gpa, KernelHashesRange(section, firmware, directBoot));
                break;
            default:
                throw new MeasurementException($"{firmware.Source}: SNP metadata section type {section.Type} is not measurable");
        }
    }

    static byte[] KernelHashesRange(SevMetadataSection section, OvmfImage firmware, DirectBootHashes directBoot)
    {
        var area = firmware.HashTableArea
            ?? throw new MeasurementException($"{firmware.Source}: its SNP metadata has a kernel-hashes section but its footer table gives no SEV hashes table address; use an OVMF image as edk2 built it");
        if (area.Base < section.Gpa || area.Base >= section.Gpa + section.Size)
            throw new MeasurementException($"{firmware.Source}: the SEV hashes table at 0x{area.Base:x} lies outside the kernel-hashes section 0x{section.Gpa:x}+0x{section.Size:x}");
        return SevHashTable.BuildRange(directBoot, (int)(area.Base - section.Gpa), (int)section.Size);
    }

    static void ForEachPage(SevMetadataSection section, Action<ulong> addPage)
    {
        for (ulong offset = 0; offset < section.Size; offset += SnpLaunchDigest.PageSize)
            addPage(section.Gpa + offset);
    }
}
