using SevStack.Engine.Caching;
using SevStack.Packaging.Inputs;
using SevStack.Packaging.Outputs;
using SevStack.Testing;

namespace SevStack.Build.Tests;

/// <summary>
/// InstallHost will not make a kernel the boot default when the config its linux-image package ships lacks what a server
/// needs to boot: with --debs the package is there before anything runs, so the refusal is exit 2 and one line.
/// </summary>
public sealed class BootDefaultRefusalTests
{
    const string Release = "6.1.0-tiny";
    const string Image = "linux-image-" + Release;

    /// <summary>A tinyconfig-like kernel package: modules, initramfs and KVM, no storage, file system, network or IOMMU.</summary>
    static async Task<string> DebsFolderWithTinyKernel(TempDirectory temp)
    {
        var tree = temp.Combine("tree");
        Directory.CreateDirectory(Path.Combine(tree, "DEBIAN"));
        Directory.CreateDirectory(Path.Combine(tree, "boot"));
        File.WriteAllText(Path.Combine(tree, "DEBIAN", "control"),
            $"Package: {Image}\nVersion: {Release}-1\nArchitecture: amd64\nMaintainer: SevStack tests <tests@sevstack.invalid>\nDescription: tinyconfig-like fixture kernel\n");
        File.WriteAllText(Path.Combine(tree, "boot", "vmlinuz-" + Release), "not really a kernel\n");
        File.WriteAllText(Path.Combine(tree, "boot", "config-" + Release),
            "CONFIG_MODULES=y\nCONFIG_BLK_DEV_INITRD=y\nCONFIG_DEVTMPFS=y\nCONFIG_PCI=y\nCONFIG_ACPI=y\nCONFIG_EFI=y\nCONFIG_EFI_STUB=y\nCONFIG_KVM=m\nCONFIG_KVM_AMD=m\n# CONFIG_NET is not set\n");
        var debs = temp.Combine("debs");
        Directory.CreateDirectory(debs);
        var result = await new SevStack.Toolkit.Processes.CliWrapCommandRunner(new SevStack.Toolkit.Processes.MemoryBuildLog(), SevStack.Toolkit.Processes.Privilege.Detect())
            .RunAsync(new("dpkg-deb", "--root-owner-group", "--build", tree, Path.Combine(debs, $"{Image}_{Release}-1_amd64.deb")));
        Assert.Equal(0, result.ExitCode);
        return debs;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_kernel_without_the_boot_critical_options_is_not_made_the_boot_default_exit_2_naming_them_and_the_override(bool native)
    {
        using var temp = new TempDirectory("sevstack-unbootable");
        var debs = await DebsFolderWithTinyKernel(temp);
        using var repository = new TempDirectory("sevstack-repo");
        using var root = new TempDirectory("sevstack-sysroot");

        var (exit, output) = await BuildProgram.RunIsolated(repository, native, "InstallHost", "--debs", debs, "--host-packages", Image, "--sysroot", root.Path, "--grub-default", "once");

        Assert.Equal(2, exit);
        var lines = output.Trim().Split('\n');
        Assert.Equal($"error: Target InstallHost requires: {Image}_{Release}-1_amd64.deb has a kernel config that lacks what a server needs to boot: " +
            "PCI_MSI, one of BLK_DEV_NVME|SATA_AHCI+BLK_DEV_SD|MEGARAID_SAS+BLK_DEV_SD|SCSI_MPT3SAS+BLK_DEV_SD, one of EXT4_FS|XFS_FS, " +
            "UNIX, TMPFS, INOTIFY_USER, SIGNALFD, TIMERFD, EPOLL, FHANDLE, CGROUPS, NET, INET, PACKET, " +
            "one of IGB|IGC|IXGBE|I40E|ICE|BNXT|MLX5_CORE|TIGON3|BNX2X|QEDE|SFC|E1000E|R8169, AMD_IOMMU; it will not be made the boot default (--grub-default once): " +
            "build the host kernel with a bootable --kernel-config (distribution), install it with --grub-default no, or pass --allow-unbootable-kernel-default", lines[^1]);
        // The check ran dpkg-deb before any target's log existed: the run's startup log shows the command with its arguments.
        var command = Assert.Single(lines[..^1]);
        Assert.StartsWith("$ bash -c ", command);
        Assert.Contains("dpkg-deb --fsys-tarfile", command);
        Assert.EndsWith($" {Path.Combine(debs, $"{Image}_{Release}-1_amd64.deb")}", command);
        Assert.Empty(Directory.GetFileSystemEntries(root.Path));
        Assert.True(KernelConfigParameterTests.NothingRan(repository));
    }

    [Fact]
    public async Task The_installer_is_not_written_for_a_kernel_it_would_make_an_unbootable_boot_default()
    {
        using var temp = new TempDirectory("sevstack-unbootable");
        var debs = await DebsFolderWithTinyKernel(temp);
        using var repository = new TempDirectory("sevstack-repo");

        var (exit, output) = await BuildProgram.RunIsolated(repository, "PackageInstaller", "--debs", debs, "--host-packages", Image);

        Assert.Equal(2, exit);
        Assert.StartsWith($"error: Target PackageInstaller requires: {Image}_{Release}-1_amd64.deb has a kernel config that lacks what a server needs to boot: PCI_MSI, ",
            output.Trim().Split('\n')[^1]);
        Assert.Contains("--allow-unbootable-kernel-default", output);
        Assert.False(Directory.Exists(Path.Combine(repository.Path, "artifacts", "installer")));
    }

    [Theory]
    [InlineData("--grub-default", "no")]
    [InlineData("--allow-unbootable-kernel-default", "true")]
    public async Task Grub_default_no_or_the_override_lets_the_install_go_on(string flag, string value)
    {
        using var temp = new TempDirectory("sevstack-unbootable");
        var debs = await DebsFolderWithTinyKernel(temp);
        using var repository = new TempDirectory("sevstack-repo");
        using var root = new TempDirectory("sevstack-sysroot");

        var (exit, output) = await BuildProgram.RunIsolated(repository, "InstallHost", "--debs", debs, "--host-packages", Image, "--sysroot", root.Path, "--dry-run", flag, value);

        // The root has no os-release: InstallHost itself stops there, after the startup checks let it run.
        Assert.Equal(1, exit);
        Assert.DoesNotContain("needs to boot", output);
        Assert.Contains("os-release", output);
    }

    /// <summary>
    /// Packages from PackageDebs' repository (here left by an earlier run: PackageDebs skipped) are there only when
    /// InstallHost runs: the refusal is InstallHost's failure, before it changes anything in the root.
    /// </summary>
    [Fact]
    public async Task A_kernel_from_PackageDebs_repository_is_refused_when_InstallHost_starts_and_the_root_is_untouched()
    {
        using var temp = new TempDirectory("sevstack-unbootable");
        var debs = await DebsFolderWithTinyKernel(temp);
        using var repository = new TempDirectory("sevstack-repo");
        var layout = new ArtifactsLayout(repository.Combine("artifacts"));
        Directory.CreateDirectory(layout.Apt);
        var deb = Directory.GetFiles(debs).Single();
        File.Copy(deb, Path.Combine(layout.Apt, Path.GetFileName(deb)));
        var scan = await new SevStack.Toolkit.Processes.CliWrapCommandRunner(new SevStack.Toolkit.Processes.MemoryBuildLog(), SevStack.Toolkit.Processes.Privilege.Detect())
            .RunAsync(new("dpkg-scanpackages", "--multiversion", "-m", ".") { WorkingDirectory = layout.Apt });
        File.WriteAllText(Path.Combine(layout.Apt, "Packages"), scan.StandardOutput);
        File.WriteAllText(layout.Manifest, new BuildManifest([new PackageRecord(Image, Release + "-1", "amd64", "debs/" + Path.GetFileName(deb), FileHashes.Sha256(deb),
            new PackageSourceInfo("https://example.org/linux", "fixture", []), "fixture-key")]).ToJson());
        using var root = new TempDirectory("sevstack-sysroot");

        var (exit, output) = await BuildProgram.RunIsolated(repository, "InstallHost", "--skip", "PackageDebs", "--sysroot", root.Path);

        Assert.Equal(1, exit);
        Assert.Contains($"{Image}_{Release}-1_amd64.deb has a kernel config that lacks what a server needs to boot: PCI_MSI, ", output);
        Assert.Contains("it will not be made the boot default (--grub-default always)", output);
        Assert.Empty(Directory.GetFileSystemEntries(root.Path));
    }
}
