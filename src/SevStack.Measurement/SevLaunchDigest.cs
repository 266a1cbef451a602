using System.Security.Cryptography;
using SevStack.Measurement.DirectBoot;
using SevStack.Measurement.Firmware;
using SevStack.Measurement.Vmsa;

namespace SevStack.Measurement;

/// <summary>
/// SEV and SEV-ES: the PSP hashes, with SHA-256, every LAUNCH_UPDATE_DATA buffer in order (the firmware, then the SEV
/// hashes table for measured direct boot) and, for SEV-ES, each vCPU's LAUNCH_UPDATE_VMSA page.
/// </summary>
static class SevLaunchDigest
{
    public static byte[] Compute(OvmfImage firmware, DirectBootHashes? directBoot, IReadOnlyList<byte[]> vmsas)
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha256.AppendData(firmware.Data.Span);
        if (directBoot is not null)
        {
            var area = firmware.HashTableArea
                ?? throw new MeasurementException($"{firmware.Source} has no SEV hashes table area in its footer table, so a directly booted kernel cannot be measured: use the AmdSev OVMF build, or boot without a kernel");
            if (area.Size < SevHashTable.PaddedLength)
                throw new MeasurementException($"{firmware.Source}: the SEV hashes table area at 0x{area.Base:x} holds {area.Size} bytes, the table needs {SevHashTable.PaddedLength}");
            sha256.AppendData(SevHashTable.Build(directBoot));
        }
        foreach (var vmsa in vmsas)
            sha256.AppendData(vmsa);
        return sha256.GetHashAndReset();
    }

    /// <summary>SEV-ES VMSAs carry no SEV_FEATURES: QEMU sets none for an SEV-ES guest.</summary>
    public static IReadOnlyList<byte[]> EsVmsas(OvmfImage firmware, int vcpus, uint cpuidSignature) =>
        VmsaPage.ForVcpus(vcpus, firmware.ApResetAddress, cpuidSignature, sevFeatures: 0, firmware.Source);
}
