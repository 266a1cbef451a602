
namespace SevStack.Build.Modules.Setup;

/// <summary>
/// The operator command: what the seed's scripts gave, an SEV host whose Docker runs Kata containers, as one target.
/// CheckHost ends it as a report: InstallHost's kernel and kvm_amd options apply only after a reboot, so on a host
/// set up correctly CheckHost still fails until then, and failing the setup for that would be wrong.
/// </summary>
sealed class SetupModule(HostModule host, KataModule kata, KataStageModule kataStage, DockerModule docker, ChecksModule checks) : IBuildModule
{
    public Target SetupHost => _ => _
        .Description("The operator command: InstallHost (fetch, build and package the kernel, QEMU and OVMF, with Kata from BuildKata, then install them), InstallKataPackages (Kata 1.x), ConfigureKata and ConfigureDocker, then CheckHost as a report (reboot into the SEV kernel, then CheckHost and SmokeTest must pass)")
        .DependsOn(kataStage.BuildKata, host.InstallHost, kata.InstallKataPackages, kata.ConfigureKata, docker.ConfigureDocker)
        .Triggers(checks.CheckHost);
}
