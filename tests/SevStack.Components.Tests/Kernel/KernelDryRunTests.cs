using SevStack.Components.Kernel;
using SevStack.Toolkit.Processes;
using SevStack.Testing;

namespace SevStack.Components.Tests.Kernel;

public sealed class KernelDryRunTests
{
    [Fact]
    public async Task A_dry_run_prints_configure_and_package_commands_and_creates_nothing()
    {
        using var temp = new TempDirectory();
        var source = Fixture.CopyTree("kernel", temp);
        var obj = temp.Combine("build", "linux-host");
        var log = new MemoryBuildLog();
        var privilege = new Privilege(IsRoot: true);
        var runner = new DryRunCommandRunner(log, privilege, new CliWrapCommandRunner(log, privilege));

        await new KernelConfigurator(runner).ConfigureAsync(new KernelConfigRequest(source, obj, KernelFlavour.Host, KernelConfigBase.Defconfig));
        var packages = await new KernelBuilder(runner).BuildHostPackagesAsync(
            new KernelBuildRequest(source, obj, DateTimeOffset.UnixEpoch) { Jobs = 2, PackageVersion = "1" });

        Assert.False(Directory.Exists(temp.Combine("build")));
        Assert.Equal(temp.Combine("build", "linux-image-6.1.0-sev_1_amd64.deb"), packages.Image);
        var printed = log.Lines.Where(l => l.StartsWith("would run: ", StringComparison.Ordinal)).Select(l => l.Split("   (in ")[0]).ToList();
        Assert.Equal(5, printed.Count);
        Assert.Equal($"would run: env CCACHE_DISABLE=1 make -C {source} O={obj} defconfig HOSTLDFLAGS=-s", printed[0]);
        Assert.StartsWith($"would run: bash {source}/scripts/config --file {obj}/.config --enable VIRTUALIZATION", printed[1]);
        Assert.Equal($"would run: env CCACHE_DISABLE=1 make -C {source} O={obj} olddefconfig HOSTLDFLAGS=-s", printed[2]);
        Assert.EndsWith($"make -C {source} O={obj} -j2 scripts_unifdef LOCALVERSION=-sev HOSTLDFLAGS=-s NM=gcc-nm", printed[3]);
        Assert.EndsWith($"make -C {source} O={obj} -j2 bindeb-pkg LOCALVERSION=-sev HOSTLDFLAGS=-s NM=gcc-nm", printed[4]);
    }
}
