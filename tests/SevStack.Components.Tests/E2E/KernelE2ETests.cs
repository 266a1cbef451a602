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
