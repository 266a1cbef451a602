using SevStack.Build.Parameters;
using SevStack.Checks;
using SevStack.Checks.Guest;
using SevStack.Checks.Host;
using SevStack.Checks.Launch;
using SevStack.Checks.Libvirt;
using SevStack.Checks.Probes;
using SevStack.Checks.Report;
using SevStack.Engine;
using SevStack.Engine.Parameters;
using SevStack.Engine.Targets;

namespace SevStack.Build;

sealed partial class Build
{
    [Parameter("Root of the machine CheckHost inspects (a fixture tree in tests; QEMU, libvirt and /dev/kvm are asked only when it is /)")]
    readonly string HostRoot = "/";

    [Parameter("Root of the guest CheckGuest inspects (run inside the guest, or point at a saved tree)")]
    readonly string GuestRoot = "/";

    [Parameter("A saved kernel log to read instead of running dmesg")]
    readonly string? KernelLog;

    [Parameter("Report format of CheckHost and CheckGuest: text or json (also written to artifacts/reports/)")]
    readonly ReportFormat Output = ReportFormat.Text;

    public override bool StandardOutputIsData => Output == ReportFormat.Json;

    [Parameter("The QEMU that CheckHost asks for query-sev-capabilities and Launch starts; default: SevStack's under --install-prefix when installed, else qemu-system-x86_64 from PATH")]
    readonly string? QemuBinary;

    [Parameter("SEV level of the guest: what CheckGuest expects, what Launch and LibvirtXml configure")]
    readonly SevLevel SevLevel = SevLevel.Sev;

    [Parameter("Guest disk image for Launch and LibvirtXml (attached through virtio-scsi with iommu_platform)")]
    readonly string? GuestDisk;

    [Parameter("Guest name for LibvirtXml and the per-guest OVMF_VARS copy of Launch")]
    readonly GuestName? GuestName;

    [Parameter("Guest memory in MiB")]
    [ValueRange(64, 16_777_216)]
    readonly int GuestMemory = 2048;

    [Parameter("Guest virtual CPUs")]
    [ValueRange(1, 1024)]
    readonly int GuestCpus = 4;

    [Parameter("SEV guest policy as a number (0x1 style accepted); default: the level's usual policy")]
    readonly GuestPolicy? SevPolicy;

    [Parameter("C-bit position; default: read from CPUID 0x8000001F (never a hard-coded 47)")]
    [ValueRange(32, 63)]
    readonly int? CbitPosition;

    [Parameter("OVMF code image (read-only pflash) for Launch and LibvirtXml; default: the sevstack-ovmf package's, <install-prefix>/share/sevstack-ovmf/OVMF_CODE.fd")]
    readonly string? OvmfCode;

    [Parameter("OVMF variable store template, copied once per guest; default: <install-prefix>/share/sevstack-ovmf/OVMF_VARS.fd")]
    readonly string? OvmfVars;

    [Parameter("Single OVMF image that Launch boots SEV-SNP guests with (-bios); default: <install-prefix>/share/sevstack-ovmf/OVMF.fd")]
    readonly string? OvmfSnp;

    [Parameter("Give the Launch guest QEMU user networking (virtio-net)")]
    readonly bool UserNetwork;

    [Parameter("Launch only prints the QEMU command line")]
    readonly bool Print;

    Target CheckHost => _ => _
        .Description("Check that this host can run SEV guests: CPU, firmware, kernel, kvm_amd, /dev/sev, QEMU, libvirt (each failure says the fix)")
        .Requires(() => Directory.Exists(HostRoot), $"--host-root {HostRoot} to be an existing folder (the root of the machine to inspect; omit it for /)")
        .OnlyWhenStatic(() => !CheckHostSkippedBySetup, CheckHostSkippedBySetupReason)
        .Executes(async context =>
        {
            var options = new HostCheckOptions { HostRoot = HostRoot, KernelLogPath = KernelLog, QemuBinary = Qemu, GuestMemoryMiB = GuestMemory };
            var report = await HostChecker.RunAsync(options, context.Runner, context.CancellationToken);
            Publish(context, report, "CheckHost", CheckHostReportsOnly ? CheckHostReportOnlyAdvice : null);
        });

    Target CheckGuest => _ => _
        .Description("Check from inside a guest (or a saved kernel log) that SEV, SEV-ES or SEV-SNP is active, and the SWIOTLB size")
        .Executes(async context =>
        {
            var options = new GuestCheckOptions { GuestRoot = GuestRoot, KernelLogPath = KernelLog, ExpectedLevel = SevLevel };
            var report = await GuestChecker.RunAsync(options, context.Runner, context.CancellationToken);
            Publish(context, report, "CheckGuest");
        });

    Target Launch => _ => _
        .Description("Start an SEV guest with QEMU as AMD's launch-qemu.sh does (--print only prints the command line)")
        .Requires(() => GuestDisk)
        .Executes(async context =>
        {
            var plan = LaunchCommandBuilder.Build(new LaunchOptions
            {
                QemuBinary = Qemu, Level = SevLevel, MemoryMiB = GuestMemory, Cpus = GuestCpus, DiskImage = GuestDisk,
                OvmfCode = Firmware(OvmfCode, "OVMF_CODE.fd"), OvmfVarsTemplate = Firmware(OvmfVars, "OVMF_VARS.fd"),
                SnpFirmware = Firmware(OvmfSnp, "OVMF.fd"), StateDirectory = Path.Combine(ArtifactsDirectory, "guests"),
                GuestName = GuestName?.Value, CbitPosition = CbitPosition, Policy = SevPolicy?.Value, UserNetwork = UserNetwork,
            }, CbitPosition is null ? CpuidReading.Read(new HostFiles(HostRoot)) : null);
            if (Print)
            {
                context.Log.Info(plan.PrintText);
                return;
            }
            await QemuLauncher.RunAsync(plan, context.Runner, context.CancellationToken);
        });

    Target LibvirtXml => _ => _
        .Description("Write a libvirt domain with <launchSecurity type='sev'> and OVMF paths to artifacts/libvirt/<name>.xml, validated")
        .Requires(() => GuestName)
        .Requires(() => GuestDisk)
        .Executes(async context =>
        {
            var domain = LibvirtDomainXml.Build(new LibvirtDomainOptions
            {
                Name = GuestName!.Value, Level = SevLevel, MemoryMiB = GuestMemory, Cpus = GuestCpus, DiskImage = GuestDisk!,
                Emulator = Qemu.Contains('/') ? Qemu : "/usr/bin/" + Qemu, OvmfCode = Firmware(OvmfCode, "OVMF_CODE.fd"),
                OvmfVarsTemplate = Firmware(OvmfVars, "OVMF_VARS.fd"), CbitPosition = CbitPosition, Policy = SevPolicy?.Value is { } policy
                    ? policy <= uint.MaxValue ? (uint)policy : throw new BuildException($"--sev-policy {SevPolicy}: SEV policies are 32-bit numbers")
                    : null,
            }, CbitPosition is null ? CpuidReading.Read(new HostFiles(HostRoot)) : null);
            var path = Path.Combine(ArtifactsDirectory, "libvirt", GuestName!.Value + ".xml");
            context.Files.WriteAllText(path, domain.ToString() + "\n");
            if (context.IsDryRun)
                return;
            var validation = await LibvirtXmlValidator.ValidateAsync(context.Runner, path, context.CancellationToken);
            if (!validation.Valid)
                throw new BuildException($"{path} does not pass virt-xml-validate: {validation.Output.Trim()}");
            context.Note = path;
        });

    /// <summary>The QEMU of the checks and guests: as given, else SevStack's installed one, else the one on PATH.</summary>
    string Qemu => QemuBinary
        ?? (Path.Combine(InstallPrefix.Path, "bin", "qemu-system-x86_64") is var ours && File.Exists(ours) ? ours : "qemu-system-x86_64");

    /// <summary>An OVMF image as given, else the sevstack-ovmf package's.</summary>
    string Firmware(string? given, string image) => given ?? Path.Combine(InstallPrefix.Path, "share", "sevstack-ovmf", image);

    /// <param name="reportOnly">Failures are reported with this advice instead of failing the target.</param>
    void Publish(TargetContext context, CheckReport report, string name, string? reportOnly = null)
    {
        var folder = Path.Combine(ArtifactsDirectory, "reports");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, name + ".txt"), ReportWriter.Write(report, ReportFormat.Text));
        File.WriteAllText(Path.Combine(folder, name + ".json"), ReportWriter.Write(report, ReportFormat.Json));
        if (StandardOutputIsData)
            WriteStandardOutput(ReportWriter.Write(report, Output));
        else
            foreach (var line in ReportWriter.Write(report, Output).TrimEnd().Split('\n'))
                context.Log.Info(line);
        context.Note = $"{report.Count(CheckStatus.Pass)} pass, {report.Count(CheckStatus.Fail)} fail, {report.Count(CheckStatus.Warn)} warn, {report.Count(CheckStatus.Skip)} skip";
        var failed = report.Failed.Any()
            ? $"{name}: {string.Join(", ", report.Failed.Select(c => c.Id))} failed (see the report above and {folder})"
            : $"{name}: no required check found evidence (see the report above and {folder})";
        if (!report.Passed && reportOnly is not null)
        {
            context.Log.Warning($"{failed}; {reportOnly}");
            context.Note += $"; {reportOnly}";
        }
        else if (!report.Passed)
            throw new BuildException(failed);
    }
}
