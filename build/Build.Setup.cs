using SevStack.Engine.Targets;

namespace SevStack.Build;

/// <summary>
/// The operator command: what the seed's scripts gave, an SEV host whose Docker runs Kata containers, as one target.
/// CheckHost ends it as a report: InstallHost's kernel and kvm_amd options apply only after a reboot, so on a host
/// set up correctly CheckHost still fails until then, and failing the setup for that would be wrong.
/// </summary>
sealed partial class Build
{
    Target SetupHost => _ => _
        .Description("The operator command: InstallHost (fetch, build and package the kernel, QEMU and OVMF, with Kata from BuildKata, then install them), InstallKataPackages (Kata 1.x), ConfigureKata and ConfigureDocker, then CheckHost as a report (reboot into the SEV kernel, then CheckHost and SmokeTest must pass)")
        .DependsOn(BuildKata, InstallHost, InstallKataPackages, ConfigureKata, ConfigureDocker)
        .Triggers(CheckHost);

    /// <summary>CheckHost is in the plan only because SetupHost triggered it: it reports, and its failures do not fail the run.</summary>
    bool CheckHostReportsOnly => IsPlanned(nameof(SetupHost)) && !InvokedTargets.Contains(nameof(CheckHost));

    /// <summary>SetupHost changed another root than this running machine, whose checks would say nothing about it.</summary>
    bool CheckHostSkippedBySetup => CheckHostReportsOnly && Path.GetFullPath(Sysroot) != "/";

    const string CheckHostSkippedBySetupReason = "--sysroot names another root than this running machine: boot that root and run CheckHost there";

    const string CheckHostReportOnlyAdvice = "report only: SetupHost's changes apply after a reboot into the SEV kernel; then `./build.sh CheckHost` must pass";
}
