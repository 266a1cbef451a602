using SevStack.Components.Kernel;

namespace SevStack.Components.Tests.E2E;

[Trait("Suite", "E2E")]
public sealed class KernelE2ETests
{
    [Fact]
    public async Task Tinyconfig_host_kernel_with_sev_options_builds_into_debs()
    {
        var (config, packages) = await E2EBuilds.HostKernelAsync();

        var final = KernelConfigFile.Read(config.ConfigPath);
        Assert.Equal("y", final["KVM_AMD_SEV"]);
        Assert.Equal("m", final["KVM_AMD"]);
        Assert.Equal("y", final["AMD_MEM_ENCRYPT"]);
        Assert.Equal("6.1.192-sev", packages.KernelRelease);
        Assert.All(packages.All, deb => Assert.True(new FileInfo(deb).Length > 0, deb));
    }

    [Fact]
    public async Task Tinyconfig_guest_kernel_builds_bzImage_and_vmlinux()
    {
        var images = await E2EBuilds.BuildGuestKernelAsync();
        Assert.Equal("6.1.192-sev.container", images.KernelRelease);
        Assert.True(new FileInfo(images.BzImage).Length > 500_000);
    }
}

/// <summary>The <c>running</c>/<c>file:</c> path on a real distribution config: Debian's own amd64 config (package linux-config-6.1).</summary>
[Trait("Suite", "E2E")]
public sealed class DebianConfigE2ETests
{
    [Fact]
    public async Task Debian_amd64_config_takes_the_sev_host_options_and_drops_debug_info()
    {
        var source = await E2EWorkspace.LinuxAsync();
        var work = Path.Combine(E2EWorkspace.Builds, "kernel", "debian-config");
        Directory.CreateDirectory(work);
        var baseConfig = Path.Combine(work, "config.amd64");
        using var log = E2EWorkspace.Log("kernel-debian-config");
        var runner = new SevStack.Engine.Processes.CliWrapCommandRunner(log, SevStack.Engine.Processes.Privilege.Detect());
        await runner.RunAsync(new SevStack.Engine.Processes.CommandSpec("sh", "-c", "xz -dc /usr/src/linux-config-6.1/config.amd64_none_amd64.xz > \"$0\"", baseConfig));

        var result = await E2EBuilds.Timed("kernel configure (Debian amd64 config + SEV host)", () => new KernelConfigurator(runner).ConfigureAsync(
            new KernelConfigRequest(source, Path.Combine(work, "obj"), KernelFlavour.Host, KernelConfigBase.FromFile(baseConfig))));

        var config = KernelConfigFile.Read(result.ConfigPath);
        Assert.Equal("y", config["KVM_AMD_SEV"]);
        Assert.Equal("n", config["DEBUG_INFO"] ?? "n");
        Assert.Equal("\"\"", config["SYSTEM_TRUSTED_KEYS"]);
    }
}
