using SevStack.Components.Ccache;
using SevStack.Components.Kernel;
using SevStack.Toolkit;
using SevStack.Toolkit.Processes;
using SevStack.Testing;

namespace SevStack.Components.Tests.Kernel;

public sealed class KernelBuilderTests
{
    static readonly DateTimeOffset SourceDate = new(2025, 5, 20, 12, 30, 0, TimeSpan.Zero);
    readonly MemoryBuildLog log = new();
    ICommandRunner Runner => new CliWrapCommandRunner(log, Privilege.Detect());

    async Task<(string Source, string Obj)> ConfiguredAsync(TempDirectory temp, KernelFlavour flavour, string folder)
    {
        var source = Fixture.CopyTree("kernel", temp);
        var obj = temp.Combine("build", folder);
        await new KernelConfigurator(Runner).ConfigureAsync(new KernelConfigRequest(source, obj, flavour, KernelConfigBase.Tinyconfig));
        return (source, obj);
    }

    [Fact]
    public async Task Host_build_runs_bindeb_pkg_with_reproducible_environment_and_collects_debs_by_exact_name()
    {
        using var temp = new TempDirectory();
        var (source, obj) = await ConfiguredAsync(temp, KernelFlavour.Host, "linux-host");
        temp.WriteFile("build/linux-image-5.10.0-old_1_amd64.deb", "stale package from an earlier build");

        var packages = await new KernelBuilder(Runner).BuildHostPackagesAsync(
            new KernelBuildRequest(source, obj, SourceDate) { Jobs = 3, LocalVersion = "-sevtest" });

        Assert.Equal("6.1.0-sevtest", packages.KernelRelease);
        Assert.Equal("6.1.0-sevtest-1", packages.PackageVersion);
        Assert.Equal(
            [temp.Combine("build", "linux-image-6.1.0-sevtest_6.1.0-sevtest-1_amd64.deb"),
             temp.Combine("build", "linux-headers-6.1.0-sevtest_6.1.0-sevtest-1_amd64.deb"),
             temp.Combine("build", "linux-libc-dev_6.1.0-sevtest-1_amd64.deb")],
            packages.All);
        Assert.Equal(
            "bindeb-pkg LOCALVERSION=-sevtest KDEB_PKGVERSION=6.1.0-sevtest-1 DEBEMAIL=sevstack@sevstack.invalid DEBFULLNAME=SevStack " +
            "KBUILD_BUILD_TIMESTAMP=Tue, 20 May 2025 12:30:00 +0000 KBUILD_BUILD_USER=sevstack KBUILD_BUILD_HOST=sevstack",
            File.ReadAllLines(Path.Combine(obj, "make.log")).Last());
        Assert.Contains(log.Lines, l => l.StartsWith("$ env ", StringComparison.Ordinal) && l.Contains("SOURCE_DATE_EPOCH=1747744200")
            && l.EndsWith($"make -C {source} O={obj} -j3 bindeb-pkg LOCALVERSION=-sevtest HOSTLDFLAGS=-s NM=gcc-nm", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Guest_build_makes_bzImage_and_vmlinux_in_its_own_folder()
    {
        using var temp = new TempDirectory();
        var (source, hostObj) = await ConfiguredAsync(temp, KernelFlavour.Host, "linux-host");
        var (_, guestObj) = (source, temp.Combine("build", "linux-guest"));
        await new KernelConfigurator(Runner).ConfigureAsync(new KernelConfigRequest(source, guestObj, KernelFlavour.Guest, KernelConfigBase.Tinyconfig));

        var images = await new KernelBuilder(Runner).BuildGuestImagesAsync(
            new KernelBuildRequest(source, guestObj, SourceDate) { Jobs = 2, LocalVersion = "-sev.container" });

        Assert.Equal(Path.Combine(guestObj, "arch", "x86", "boot", "bzImage"), images.BzImage);
        Assert.Equal(Path.Combine(guestObj, "vmlinux"), images.Vmlinux);
        Assert.Equal("6.1.0-sev.container", images.KernelRelease);
        Assert.False(File.Exists(Path.Combine(hostObj, "vmlinux")));
        Assert.Contains(log.Lines, l => l.EndsWith($"make -C {source} O={guestObj} -j2 bzImage vmlinux LOCALVERSION=-sev.container HOSTLDFLAGS=-s NM=gcc-nm", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Configuring_and_building_give_the_host_programs_the_same_variables_and_only_packaging_lowers_the_compression()
    {
        using var temp = new TempDirectory();
        var source = Fixture.CopyTree("kernel", temp);
        var cache = new CompilerCache(temp.Combine("ccache"), temp.Path);
        var (hostObj, guestObj) = (temp.Combine("build", "linux-host"), temp.Combine("build", "linux-guest"));
        foreach (var (flavour, obj) in new[] { (KernelFlavour.Host, hostObj), (KernelFlavour.Guest, guestObj) })
            await new KernelConfigurator(Runner).ConfigureAsync(new KernelConfigRequest(source, obj, flavour, KernelConfigBase.Tinyconfig) { CompilerCache = cache });
        await new KernelBuilder(Runner).BuildHostPackagesAsync(new KernelBuildRequest(source, hostObj, SourceDate) { Jobs = 2, CompilerCache = cache });
        await new KernelBuilder(Runner).BuildGuestImagesAsync(new KernelBuildRequest(source, guestObj, SourceDate) { Jobs = 2, CompilerCache = cache });

        var makes = log.Lines.Where(l => l.StartsWith("$ env ", StringComparison.Ordinal) && l.Contains(" make -C ", StringComparison.Ordinal)).ToList();
        Assert.Equal(7, makes.Count);
        Assert.All(makes, l => Assert.Contains($"CCACHE_DIR={temp.Combine("ccache")} ", l));
        var hostPrograms = "HOSTLDFLAGS=-s 'HOSTCC=ccache gcc'";
        Assert.EndsWith($"make -C {source} O={hostObj} tinyconfig {hostPrograms}", makes[0]);
        Assert.EndsWith($"make -C {source} O={hostObj} olddefconfig {hostPrograms}", makes[1]);
        Assert.EndsWith($"make -C {source} O={hostObj} -j2 bindeb-pkg LOCALVERSION=-sev {hostPrograms} 'CC=ccache gcc' NM=gcc-nm", makes[5]);
        Assert.EndsWith($"make -C {source} O={guestObj} -j2 bzImage vmlinux LOCALVERSION=-sev {hostPrograms} 'CC=ccache gcc' NM=gcc-nm", makes[6]);
        Assert.Contains(" DPKG_DEB_COMPRESSOR_LEVEL=1 ", makes[5]);
        Assert.DoesNotContain("DPKG_DEB_COMPRESSOR_LEVEL", makes[6]);
    }

    [Fact]
    public async Task A_tree_built_with_other_variables_is_emptied_but_for_its_config_and_the_same_build_keeps_it()
    {
        using var temp = new TempDirectory();
        var (source, obj) = await ConfiguredAsync(temp, KernelFlavour.Host, "linux-host");
        var builder = new KernelBuilder(Runner);
        var request = new KernelBuildRequest(source, obj, SourceDate) { LocalVersion = "-sevtest" };
        await builder.BuildHostPackagesAsync(request);
        var config = File.ReadAllText(Path.Combine(obj, ".config"));
        File.WriteAllText(Path.Combine(obj, "objtool"), "a host tool linked by the previous build");

        await builder.BuildHostPackagesAsync(request);
        Assert.True(File.Exists(Path.Combine(obj, "objtool")));
        Assert.DoesNotContain(log.Lines, l => l.Contains("-exec rm -rf", StringComparison.Ordinal));

        await builder.BuildHostPackagesAsync(request with { BuildUser = "someone-else" });
        Assert.False(File.Exists(Path.Combine(obj, "objtool")));
        Assert.Equal(config, File.ReadAllText(Path.Combine(obj, ".config")));
        Assert.Contains($"$ find {obj} -mindepth 1 -maxdepth 1 '!' -name .config -exec rm -rf -- '{{}}' +", log.Lines);
    }

    [Fact]
    public async Task Missing_package_after_bindeb_pkg_is_reported_with_its_path()
    {
        using var temp = new TempDirectory();
        var (source, obj) = await ConfiguredAsync(temp, KernelFlavour.Host, "linux-host");
        // A make that "succeeds" without writing the packages.
        File.WriteAllText(Path.Combine(source, "Makefile"), File.ReadAllText(Path.Combine(source, "Makefile"))
            .Replace("\techo libc > $(PARENT)/linux-libc-dev_$${KDEB_PKGVERSION}_amd64.deb\n", "", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<BuildException>(() => new KernelBuilder(Runner).BuildHostPackagesAsync(
            new KernelBuildRequest(source, obj, SourceDate) { PackageVersion = "9" }));

        Assert.Equal(
            $"The kernel bindeb-pkg in {obj} finished but its output is not there: {temp.Combine("build", "linux-libc-dev_9_amd64.deb")} (missing); see the build log above for the cause.",
            error.Message);
    }

    [Fact]
    public async Task Building_an_unconfigured_folder_says_to_configure_first()
    {
        using var temp = new TempDirectory();
        var source = Fixture.CopyTree("kernel", temp);
        var error = await Assert.ThrowsAsync<BuildException>(() => new KernelBuilder(Runner).BuildHostPackagesAsync(
            new KernelBuildRequest(source, temp.Combine("empty"), SourceDate)));
        Assert.Contains("has no .config; configure the kernel", error.Message);
    }
}
