using SevStack.Checks.Probes;
using SevStack.Launch.Libvirt;
using SevStack.Launch.Qemu;
using SevStack.Toolkit;

namespace SevStack.Build.Modules.Launch;

/// <summary>SEV guests started the way AMD's launch-qemu.sh did, or described for libvirt, with our QEMU and OVMF by default.</summary>
sealed class LaunchModule(IStackSettings settings, ChecksModule checks) : IBuildModule
{
    [Parameter("Guest disk image for Launch and LibvirtXml (attached through virtio-scsi with iommu_platform)")]
    public string? GuestDisk { get; init; }

    [Parameter("Guest name for LibvirtXml and the per-guest OVMF_VARS copy of Launch")]
    public GuestName? GuestName { get; init; }

    [Parameter("Guest virtual CPUs")]
    [ValueRange(1, 1024)]
    public int GuestCpus { get; init; } = 4;

    [Parameter("SEV guest policy as a number (0x1 style accepted); default: the level's usual policy")]
    public GuestPolicy? SevPolicy { get; init; }

    [Parameter("C-bit position; default: read from CPUID 0x8000001F (never a hard-coded 47)")]
    [ValueRange(32, 63)]
    public int? CbitPosition { get; init; }

    [Parameter("OVMF code image (read-only pflash) for Launch and LibvirtXml; default: the sevstack-ovmf package's, <install-prefix>/share/sevstack-ovmf/OVMF_CODE.fd")]
    public string? OvmfCode { get; init; }

    [Parameter("OVMF variable store template, copied once per guest; default: <install-prefix>/share/sevstack-ovmf/OVMF_VARS.fd")]
    public string? OvmfVars { get; init; }

    [Parameter("Single OVMF image that Launch boots SEV-SNP guests with (-bios); default: <install-prefix>/share/sevstack-ovmf/OVMF.fd")]
    public string? OvmfSnp { get; init; }

    [Parameter("Give the Launch guest QEMU user networking (virtio-net)")]
    public bool UserNetwork { get; init; }

    [Parameter("Launch only prints the QEMU command line")]
    public bool Print { get; init; }

    public Target Launch => _ => _
        .Description("Start an SEV guest with QEMU as AMD's launch-qemu.sh does (--print only prints the command line)")
        .Requires(() => GuestDisk)
        .Executes(async context =>
        {
            var plan = LaunchCommandBuilder.Build(new LaunchOptions
            {
                QemuBinary = checks.Qemu, Level = checks.SevLevel, MemoryMiB = checks.GuestMemory, Cpus = GuestCpus, DiskImage = GuestDisk,
                OvmfCode = Firmware(OvmfCode, "OVMF_CODE.fd"), OvmfVarsTemplate = Firmware(OvmfVars, "OVMF_VARS.fd"),
                SnpFirmware = Firmware(OvmfSnp, "OVMF.fd"), StateDirectory = Path.Combine(settings.Run.ArtifactsDirectory, "guests"),
                GuestName = GuestName?.Value, CbitPosition = CbitPosition, Policy = SevPolicy?.Value, UserNetwork = UserNetwork,
            }, CpuidUnlessGiven());
            if (Print)
            {
                context.Log.Info(plan.PrintText);
                return;
            }
            await QemuLauncher.RunAsync(plan, context.Runner, context.CancellationToken);
        });

    public Target LibvirtXml => _ => _
        .Description("Write a libvirt domain with <launchSecurity type='sev'> (or 'sev-snp') and OVMF paths to artifacts/libvirt/<name>.xml, validated")
        .Requires(() => GuestName)
        .Requires(() => GuestDisk)
        .Executes(async context =>
        {
            var qemu = checks.Qemu;
            var domain = LibvirtDomainXml.Build(new LibvirtDomainOptions
            {
                Name = GuestName!.Value, Level = checks.SevLevel, MemoryMiB = checks.GuestMemory, Cpus = GuestCpus, DiskImage = GuestDisk!,
                Emulator = qemu.Contains('/') ? qemu : "/usr/bin/" + qemu, OvmfCode = Firmware(OvmfCode, "OVMF_CODE.fd"),
                OvmfVarsTemplate = Firmware(OvmfVars, "OVMF_VARS.fd"), SnpFirmware = Firmware(OvmfSnp, "OVMF.fd"), CbitPosition = CbitPosition,
                Policy = SevPolicy?.Value is { } policy
                    ? policy <= uint.MaxValue ? policy : throw new BuildException($"--sev-policy {SevPolicy}: SEV and SEV-SNP guest policies are 32-bit numbers in libvirt")
                    : null,
            }, CpuidUnlessGiven());
            var path = Path.Combine(settings.Run.ArtifactsDirectory, "libvirt", GuestName!.Value + ".xml");
            context.Files.WriteAllText(path, domain.ToString() + "\n");
            if (context.IsDryRun)
                return;
            var validation = await LibvirtXmlValidator.ValidateAsync(context.Runner, path, context.CancellationToken);
            if (!validation.Valid)
                throw new BuildException($"{path} does not pass virt-xml-validate: {validation.Output.Trim()}");
            context.Note = path;
        });

    CpuidReading? CpuidUnlessGiven() => CbitPosition is null ? CpuidReading.Read(new HostFiles(checks.HostRoot)) : null;

    /// <summary>An OVMF image as given, else the sevstack-ovmf package's.</summary>
    string Firmware(string? given, string image) => given ?? Path.Combine(settings.InstallPrefix.Path, "share", "sevstack-ovmf", image);
}
