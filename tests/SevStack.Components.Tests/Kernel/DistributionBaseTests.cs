using SevStack.Components.BuildRoots;
using SevStack.Components.Kernel;
using SevStack.Toolkit;
using SevStack.Toolkit.Processes;
using SevStack.Testing;

namespace SevStack.Components.Tests.Kernel;

/// <summary>The distribution base and --kernel-modules, through the configurator against the fixture kernel's make.</summary>
public sealed class DistributionBaseTests
{
    readonly MemoryBuildLog log = new();
    ICommandRunner Runner => new CliWrapCommandRunner(log, Privilege.Detect());

    static string KernelWithDebianConfig(TempDirectory temp)
    {
        var source = Fixture.CopyTree("kernel", temp);
        TreeCopy.Copy(Path.Combine(Fixture.Root, "debian-config", "debian"), Path.Combine(source, "debian"));
        return source;
    }

    [Fact]
    public async Task The_trees_debian_config_is_merged_as_the_base_then_the_sev_options_and_debug_info_off_applied()
    {
        using var temp = new TempDirectory();
        var source = KernelWithDebianConfig(temp);
        var obj = temp.Combine("obj");

        var result = await new KernelConfigurator(Runner).ConfigureAsync(new KernelConfigRequest(source, obj, KernelFlavour.Host, KernelConfigBase.Distribution));

        var config = KernelConfigFile.Read(result.ConfigPath);
        Assert.Equal("y", config["FROM_NONE_FLAVOUR"]);
        Assert.Equal("m", config["XFS_FS"]);
        Assert.Equal("n", config["DEBUG_INFO"]);
        Assert.Equal("m", config["KVM_AMD"]);
        Assert.Null(config["SERIAL_8250"]); // tinyconfig's essentials are not added to a distribution base
        Assert.Equal(["olddefconfig"], File.ReadAllLines(Path.Combine(obj, "make.log")).Select(l => l.Split(' ')[0]));
    }

    [Fact]
    public async Task A_given_distribution_file_is_the_base_even_when_the_tree_has_none()
    {
        using var temp = new TempDirectory();
        var source = Fixture.CopyTree("kernel", temp);
        var debianConfig = temp.WriteFile("config.amd64_none_amd64", "CONFIG_FROM_LINUX_CONFIG_PACKAGE=y\nCONFIG_DEBUG_INFO=y\n");

        var result = await new KernelConfigurator(Runner).ConfigureAsync(
            new KernelConfigRequest(source, temp.Combine("obj"), KernelFlavour.Host, KernelConfigBase.Distribution) { DistributionConfigFile = debianConfig });

        var config = KernelConfigFile.Read(result.ConfigPath);
        Assert.Equal("y", config["FROM_LINUX_CONFIG_PACKAGE"]);
        Assert.Equal("n", config["DEBUG_INFO"]);
    }

    [Fact]
    public async Task A_tree_without_debian_config_fails_naming_kernel_config_and_the_alternatives()
    {
        using var temp = new TempDirectory();
        var source = Fixture.CopyTree("kernel", temp);

        var error = await Assert.ThrowsAsync<BuildException>(() => new KernelConfigurator(Runner).ConfigureAsync(
            new KernelConfigRequest(source, temp.Combine("obj"), KernelFlavour.Host, KernelConfigBase.Distribution)));

        Assert.Equal($"--kernel-config distribution: the kernel tree {source} carries no distribution config (no debian/config, as a git or tarball source does not); " +
            "use --kernel-config file:PATH (e.g. a distribution kernel's /boot/config-*), running, defconfig or tinyconfig.", error.Message);
    }

    [Fact]
    public async Task Kernel_modules_trim_after_olddefconfig_from_a_copy_that_is_not_executable_then_the_sev_options_come_back()
    {
        using var temp = new TempDirectory();
        var source = KernelWithDebianConfig(temp);
        var obj = temp.Combine("obj");
        // Executable on purpose: streamline_config.pl would run it instead of reading it.
        var listing = Fixture.Script(temp.Combine("lsmod.txt"), "Module                  Size  Used by\nnvme                   49152  2\n");

        var result = await new KernelConfigurator(Runner).ConfigureAsync(
            new KernelConfigRequest(source, obj, KernelFlavour.Host, KernelConfigBase.Distribution) { ModulesListing = listing });

        var config = KernelConfigFile.Read(result.ConfigPath);
        Assert.Null(config["XFS_FS"]); // trimmed: xfs is not in the listing
        Assert.Equal("m", config["KVM_AMD"]); // trimmed too, then set again with the SEV options
        Assert.Equal(["olddefconfig", "localmodconfig", "olddefconfig"], File.ReadAllLines(Path.Combine(obj, "make.log")).Select(l => l.Split(' ')[0]));
        Assert.Contains(log.Lines, l => l == $"$ env CCACHE_DISABLE=1 make -C {source} O={obj} localmodconfig LSMOD={obj}/sevstack-lsmod.txt HOSTLDFLAGS=-s");
    }

    [Fact]
    public async Task The_result_names_the_boot_critical_options_a_host_config_lacks()
    {
        using var temp = new TempDirectory();
        var source = KernelWithDebianConfig(temp);

        var result = await new KernelConfigurator(Runner).ConfigureAsync(new KernelConfigRequest(source, temp.Combine("obj"), KernelFlavour.Host, KernelConfigBase.Distribution));

        // The fixture's Debian config has modules, ext4/xfs and KVM, nothing else of the list.
        Assert.DoesNotContain(result.MissingForBoot, r => r.What is "modules" or "root file system" or "KVM");
        Assert.Contains(result.MissingForBoot, r => r.What == "disk controller");
    }

    [Fact]
    public void The_linux_config_package_goes_with_linux_source_and_apt_cache_madison_lists_its_binary_versions_not_the_sources()
    {
        const string madison = " linux-config-6.1 | 6.1.192-3 | http://deb.debian.org/debian-security bookworm-security/main amd64 Packages\n" +
            " linux-config-6.1 | 6.1.176-1 | http://deb.debian.org/debian bookworm/main amd64 Packages\n" +
            // With deb-src entries madison adds the source's versions, which have no linux-config .deb.
            "      linux |  6.1.192-2 | http://deb.debian.org/debian-security bookworm-security/main Sources\n" +
            "      linux |  6.1.192-3 | http://deb.debian.org/debian-security bookworm-security/main Sources\n";

        Assert.Equal("linux-config-6.1", DebianConfigPackage.For("linux-source-6.1"));
        Assert.Null(DebianConfigPackage.For("qemu"));
        Assert.Equal(["6.1.192-3", "6.1.176-1"], DebianConfigPackage.Versions(madison));
    }

    [Fact]
    public async Task A_dry_run_whose_build_root_is_not_made_plans_the_sources_config_version_but_an_empty_answer_of_apt_fails()
    {
        using var temp = new TempDirectory();
        var release = TargetReleases.Find("debian-13")!;
        var unmade = new BuildRoot(temp.Combine("trixie"), new BuildRootRecipe(release, release.DefaultMirror!));
        var dryRun = new DryRunCommandRunner(log, Privilege.Detect(), Runner);

        var planned = await new DebianConfigPackage(new BuildRootRunner(dryRun, unmade, [])).VersionAsync("linux-config-6.12", "6.12.117-1");
        var error = await Assert.ThrowsAsync<BuildException>(() => new DebianConfigPackage(dryRun).VersionAsync("linux-config-0.0-sevstack-none", "0.0-1"));

        Assert.Equal("6.12.117-1", planned);
        Assert.Contains(log.Lines, l => l.StartsWith("would run: ", StringComparison.Ordinal) && l.EndsWith("-- apt-cache madison linux-config-6.12", StringComparison.Ordinal));
        Assert.StartsWith("apt offers no linux-config-0.0-sevstack-none ", error.Message);
    }
}
