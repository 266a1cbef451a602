using SevStack.Checks;
using SevStack.Checks.Guest;
using SevStack.Checks.Host;
using SevStack.Checks.Report;
using SevStack.Toolkit;

namespace SevStack.Build.Modules.Checks;

/// <summary>
/// Whether SEV is really on: CheckHost on the host (or a saved tree of one), CheckGuest inside a guest. Invoked, a failed
/// check fails the run; in the plan only because SetupHost triggered it, CheckHost reports, as the host is yet to reboot.
/// </summary>
sealed class ChecksModule(IStackSettings settings) : IBuildModule, IStandardOutputData
{
    [Parameter("Root of the machine CheckHost inspects (a fixture tree in tests; QEMU, libvirt and /dev/kvm are asked only when it is /)")]
    public string HostRoot { get; init; } = "/";

    [Parameter("Root of the guest CheckGuest inspects (run inside the guest, or point at a saved tree)")]
    public string GuestRoot { get; init; } = "/";

    [Parameter("A saved kernel log to read instead of running dmesg")]
    public string? KernelLog { get; init; }

    [Parameter("Report format of CheckHost and CheckGuest: text or json (also written to artifacts/reports/)")]
    public ReportFormat Output { get; init; } = ReportFormat.Text;

    [Parameter("The QEMU that CheckHost asks for query-sev-capabilities and Launch starts; default: SevStack's under --install-prefix when installed, else qemu-system-x86_64 from PATH")]
    public string? QemuBinary { get; init; }

    /// <summary>With --output json, standard output carries the report alone.</summary>
    public bool StandardOutputIsData => Output == ReportFormat.Json;

    [Parameter("SEV level of the guest: what CheckGuest expects, what Launch and LibvirtXml configure")]
    public SevLevel SevLevel { get; init; } = SevLevel.Sev;

    [Parameter("Guest memory in MiB")]
    [ValueRange(64, 16_777_216)]
    public int GuestMemory { get; init; } = 2048;

    public Target CheckHost => _ => _
        .Description("Check that this host can run SEV guests: CPU, firmware, kernel, kvm_amd, /dev/sev, QEMU, libvirt (each failure says the fix)")
        .Requires(() => Directory.Exists(HostRoot), $"--host-root {HostRoot} to be an existing folder (the root of the machine to inspect; omit it for /)")
        .OnlyWhenStatic(() => Invoked || settings.TargetRoot.IsLiveSystem, "--sysroot names another root than this running machine: boot that root and run CheckHost there")
        .Executes(async context =>
        {
            var options = new HostCheckOptions { HostRoot = HostRoot, KernelLogPath = KernelLog, QemuBinary = Qemu, GuestMemoryMiB = GuestMemory };
            var report = await HostChecker.RunAsync(options, context.Runner, context.CancellationToken);
            Publish(context, report, "CheckHost", Invoked ? null : ReportOnlyAdvice);
        });

    public Target CheckGuest => _ => _
        .Description("Check from inside a guest (or a saved kernel log) that SEV, SEV-ES or SEV-SNP is active, and the SWIOTLB size")
        .Executes(async context =>
        {
            var options = new GuestCheckOptions { GuestRoot = GuestRoot, KernelLogPath = KernelLog, ExpectedLevel = SevLevel };
            var report = await GuestChecker.RunAsync(options, context.Runner, context.CancellationToken);
            Publish(context, report, "CheckGuest");
        });


    /// <summary>The QEMU of the checks and guests: as given, else SevStack's installed one, else the one on PATH.</summary>
    public string Qemu => QemuBinary
        ?? (Path.Combine(settings.InstallPrefix.Path, "bin", "qemu-system-x86_64") is var ours && File.Exists(ours) ? ours : "qemu-system-x86_64");

    bool Invoked => settings.Run.InvokedTargets.Contains(nameof(CheckHost));

    const string ReportOnlyAdvice = "report only: SetupHost's changes apply after a reboot into the SEV kernel; then `./build.sh CheckHost` must pass";

    /// <param name="reportOnly">Failures are reported with this advice instead of failing the target.</param>
    void Publish(TargetContext context, CheckReport report, string name, string? reportOnly = null)
    {
        var folder = Path.Combine(settings.Run.ArtifactsDirectory, "reports");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, name + ".txt"), ReportWriter.Write(report, ReportFormat.Text));
        File.WriteAllText(Path.Combine(folder, name + ".json"), ReportWriter.Write(report, ReportFormat.Json));
        if (StandardOutputIsData)
            settings.Run.WriteStandardOutput(ReportWriter.Write(report, Output));
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
