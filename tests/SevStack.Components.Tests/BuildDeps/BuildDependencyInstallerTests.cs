using SevStack.Components.BuildDeps;
using SevStack.Toolkit;
using SevStack.Toolkit.Processes;

namespace SevStack.Components.Tests.BuildDeps;

public sealed class BuildDependencyInstallerTests
{
    [Fact]
    public async Task Only_missing_packages_are_installed_and_a_dry_run_prints_the_apt_command()
    {
        var log = new MemoryBuildLog();
        var privilege = new Privilege(IsRoot: false);
        var runner = new DryRunCommandRunner(log, privilege, new CliWrapCommandRunner(log, privilege));

        var installed = await new BuildDependencyInstaller(runner).InstallMissingAsync(["dpkg", "sevstack-no-such-package", "bash"]);

        Assert.Equal(["sevstack-no-such-package"], installed);
        Assert.Contains("would run: [sudo] env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends sevstack-no-such-package", log.Lines);
    }

    [Fact]
    public void Nothing_missing_means_no_command() => Assert.Null(BuildDependencyInstaller.InstallCommand([]));

    [Fact]
    public void Package_lists_are_explicit_per_component_without_duplicates()
    {
        var all = DebianBuildPackages.For(Enum.GetValues<BuildComponent>());
        Assert.Equal(all.Distinct().Count(), all.Count);
        Assert.Contains("libfdt-dev", DebianBuildPackages.For(BuildComponent.Qemu));
        Assert.Contains("fakeroot", DebianBuildPackages.For(BuildComponent.Kernel));
        Assert.Contains("acpica-tools", DebianBuildPackages.For(BuildComponent.Ovmf));
        Assert.Contains("busybox-static", DebianBuildPackages.For(BuildComponent.SmokeBoot));
    }
}
