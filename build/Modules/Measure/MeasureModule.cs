using SevStack.Measurement;
using SevStack.Measurement.Output;

namespace SevStack.Build.Modules.Measure;

/// <summary>The launch digests a verifier expects from guests started with our firmware, published next to the packages.</summary>
sealed class MeasureModule(IStackSettings settings, OvmfModule ovmf) : IBuildModule
{
    [Parameter("Launch digests Measure computes: sev, sev-es and/or sev-snp")]
    public SevMode[] MeasureModes { get; init; } = [SevMode.Sev, SevMode.SevEs, SevMode.SevSnp];

    [Parameter("Virtual CPUs of the measured guest (SEV-ES and SEV-SNP measure one VMSA per vCPU)")]
    [ValueRange(1, 512)]
    public int MeasureVcpus { get; init; } = 1;

    [Parameter("QEMU CPU model of the measured guest (-cpu), e.g. EPYC-v4 or EPYC-Milan: its CPUID signature is in each VMSA")]
    public VcpuTypeName MeasureVcpuType { get; init; } = VcpuTypeName.Parse("EPYC-v4", null);

    [Parameter("SEV_FEATURES of the measured SNP guest: 0x1 (SNPActive), or 0x21 where KVM adds DebugSwap")]
    public SevFeatureBits MeasureGuestFeatures { get; init; } = SevFeatureBits.Parse("0x1", null);

    [Parameter("Kernel of a measured direct boot (QEMU -kernel with kernel-hashes=on); none: the firmware boots from disk")]
    public AbsolutePath? MeasureKernel { get; init; }

    [Parameter("Initrd of a measured direct boot (with --measure-kernel)")]
    public AbsolutePath? MeasureInitrd { get; init; }

    [Parameter("Kernel command line of a measured direct boot (with --measure-kernel)")]
    public KernelCommandLine? MeasureCmdline { get; init; }

    public string MeasurementsPath => Path.Combine(settings.Run.ArtifactsDirectory, "measurements.json");

    public Target Measure => _ => _
        .Description("Compute the launch digests (SEV, SEV-ES, SEV-SNP) of guests booted with our OVMF, for attestation verifiers: artifacts/measurements.json")
        .Consumes(ovmf.Firmware)
        .Requires(() => MeasureKernel is not null || (MeasureInitrd is null && MeasureCmdline is null),
            "--measure-kernel with --measure-initrd or --measure-cmdline: a measured direct boot starts from a kernel")
        .Executes(context =>
        {
            var firmware = context.Get(ovmf.Firmware).Firmware.Combined;
            var results = MeasureModes.Distinct().Select(mode => LaunchMeasurement.Compute(new MeasurementRequest
            {
                Mode = mode, Firmware = firmware, Vcpus = MeasureVcpus, VcpuType = MeasureVcpuType.Type.Name,
                GuestFeatures = mode == SevMode.SevSnp ? MeasureGuestFeatures.Value : null,
                Kernel = MeasureKernel?.Value, Initrd = MeasureInitrd?.Value, CommandLine = MeasureKernel is null ? null : MeasureCmdline?.Value ?? "",
            })).ToList();
            context.Files.WriteAllText(MeasurementsPath, MeasurementsFile.Serialize(results));
            context.Note = string.Join(", ", results.Select(r => $"{r.Mode.Name()} {r.Digest[..12]}…"));
        });
}
