using SevStack.Host.Tests.Support;
using SevStack.Testing;

namespace SevStack.Build.Tests;

/// <summary>PackageInstaller through the build program (in-process and native): the folder an operator copies to a host.</summary>
public sealed class PackageInstallerTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_installer_folder_holds_the_script_the_repository_and_the_plan_of_the_parameters(bool native)
    {
        using var fixtures = new FixturePackages();
        using var repository = new TempDirectory("sevstack-repo");

        var (exit, output) = await BuildProgram.RunIsolated(repository, native, "PackageInstaller", "--debs", fixtures.DebsFolder,
            "--host-packages", FixturePackages.Kernel, FixturePackages.Qemu, "--sev-snp", "--grub-default", "once", "--allow-unbootable-kernel-default");

        Assert.True(exit == 0, output);
        var folder = repository.Combine("artifacts", "installer");
        Assert.Equal("# Written by SevStack InstallHost; UninstallHost removes it.\noptions kvm_amd sev=1 sev_snp=1\n",
            File.ReadAllText(Path.Combine(folder, "plan", "kvm_amd.conf")));
        Assert.False(File.Exists(Path.Combine(folder, "plan", "grub.cfg")));
        var script = File.ReadAllText(Path.Combine(folder, "install.sh"));
        Assert.Contains($"PACKAGES='{FixturePackages.Kernel}=6.1.0-1 {FixturePackages.Qemu}=8.2.0-1'\n", script);
        Assert.Contains($"KERNEL_RELEASE='{FixturePackages.KernelRelease}'\nGRUB_MODE='once'\n", script);
        Assert.Contains($"Package: {FixturePackages.Qemu}\n", File.ReadAllText(Path.Combine(folder, "repo", "Packages")));
        Assert.Equal("sevstack-qemu\tlibfdt1\tlibfdt1\n", File.ReadAllText(Path.Combine(folder, "plan", "depends")));
        Assert.Equal("artifacts/installer/install.sh (2 packages)", BuildProgram.TargetNote(repository, "PackageInstaller"));
    }

    [Fact]
    public async Task A_dry_run_says_what_it_would_write_and_writes_nothing()
    {
        using var fixtures = new FixturePackages();
        using var repository = new TempDirectory("sevstack-repo");

        var (exit, output) = await BuildProgram.RunIsolated(repository, "PackageInstaller", "--debs", fixtures.DebsFolder,
            "--host-packages", FixturePackages.Kernel, "--allow-unbootable-kernel-default", "--dry-run");

        Assert.True(exit == 0, output);
        Assert.Contains($"would write {repository.Combine("artifacts", "installer")}: install.sh, repo/ ({FixturePackages.Kernel}), plan/", output);
        Assert.False(Directory.Exists(repository.Combine("artifacts", "installer")));
    }
}
