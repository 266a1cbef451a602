using SevStack.Measurement.DirectBoot;
using SevStack.Measurement.Firmware;
using SevStack.Measurement.Snp;
using SevStack.Measurement.Vmsa;

namespace SevStack.Measurement;

/// <summary>The expected launch digest of an SEV, SEV-ES or SEV-SNP guest started by QEMU/KVM.</summary>
public static class LaunchMeasurement
{
    public static MeasurementResult Compute(MeasurementRequest request)
    {
        RequestValidation.Check(request);
        var ovmfHash = request.SnpOvmfHash is { } hex ? RequestValidation.ParseOvmfHash(hex) : null;
        var vcpuType = request.VcpuType is { } name ? VcpuTypes.Find(name) : null;
        var firmware = OvmfImage.Load(request.Firmware);
        var directBoot = request.Kernel is { } kernel ? DirectBootHashes.FromFiles(kernel, request.Initrd, request.CommandLine) : null;

        var digest = request.Mode switch
        {
            SevMode.Sev => SevLaunchDigest.Compute(firmware, directBoot, []),
            SevMode.SevEs => SevLaunchDigest.Compute(firmware, directBoot, SevLaunchDigest.EsVmsas(firmware, request.Vcpus, vcpuType!.Signature)),
            SevMode.SevSnp => SnpGuestMeasurement.Compute(firmware, ovmfHash, directBoot, vcpuType!.Signature, request.Vcpus, request.GuestFeatures!.Value),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Mode, "unknown SEV mode"),
        };
        return new MeasurementResult(
            request.Mode,
            request.Vcpus,
            vcpuType?.Name,
            vcpuType?.Signature,
            request.GuestFeatures ?? 0,
            request.Firmware,
            request.Kernel,
            request.Initrd,
            request.CommandLine,
            ovmfHash is null ? null : Convert.ToHexStringLower(ovmfHash),
            Convert.ToHexStringLower(digest));
    }

    /// <summary>The SNP launch digest over the firmware's pages alone, to start later computations from (<see cref="MeasurementRequest.SnpOvmfHash"/>).</summary>
    public static string ComputeSnpOvmfHash(string firmware) =>
        Convert.ToHexStringLower(SnpGuestMeasurement.FirmwareDigest(OvmfImage.Load(firmware)));
}
