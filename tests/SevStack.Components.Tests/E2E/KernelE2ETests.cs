using System.Diagnostics;
using SevStack.Components.Kernel;
using SevStack.Engine.Processes;
using Xunit.Abstractions;

namespace SevStack.Components.Tests.E2E;

[Trait("Suite", "E2E")]
public sealed class KernelE2ETests(ITestOutputHelper output)
{
    [Fact]
    public async Task Tinyconfig_host_kernel_with_sev_options_builds_into_debs()
    {
        var source = await E2EWorkspace.LinuxAsync();
        var obj = Path.Combine(E2EWorkspace.Builds, "kernel", "linux-host");
        using var log = E2EWorkspace.Log("kernel-host");
        var runner = new CliWrapCommandRunner(log, Privilege.Detect());
        var clock = Stopwatch.StartNew();

        var config = await new KernelConfigurator(runner).ConfigureAsync(
            new KernelConfigRequest(source, obj, KernelFlavour.Host, KernelConfigBase.Tinyconfig));
        var configured = clock.Elapsed;
        var packages = await new KernelBuilder(runner).BuildHostPackagesAsync(
            new KernelBuildRequest(source, obj, E2EWorkspace.SourceDate) { Jobs = 2, PackageVersion = "6.1-sevstack-e2e1" });

        output.WriteLine($"configure {configured}, total {clock.Elapsed}; {string.Join(", ", packages.All)}");
        log.Info($"E2E kernel-host: configure {configured}, total {clock.Elapsed}");
        var final = KernelConfigFile.Read(config.ConfigPath);
        Assert.Equal("y", final["KVM_AMD_SEV"]);
        Assert.Equal("m", final["KVM_AMD"]);
        Assert.EndsWith("-sev", packages.KernelRelease);
        Assert.All(packages.All, deb => Assert.True(new FileInfo(deb).Length > 0, deb));
    }
}
