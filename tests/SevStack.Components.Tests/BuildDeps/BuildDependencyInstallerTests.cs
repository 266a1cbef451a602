using SevStack.Components.BuildDeps;
using SevStack.Engine;
using SevStack.Engine.Processes;

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

    [Fact]
    public void Required_tool_names_the_package_when_missing_and_returns_the_path_when_present()
    {
        Assert.Equal("/usr/bin/env", RequiredTool.RequireTool("env", "coreutils", "/nonexistent:/usr/bin"));
        var error = Assert.Throws<BuildException>(() => RequiredTool.RequireTool("iasl", "acpica-tools", "/nonexistent"));
        Assert.Equal("'iasl' was not found on PATH; install the Debian package 'acpica-tools' (apt-get install acpica-tools, or run the InstallBuildDeps target).", error.Message);
    }
}
