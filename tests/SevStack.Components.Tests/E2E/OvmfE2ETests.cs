using SevStack.Components.Ovmf;

namespace SevStack.Components.Tests.E2E;

[Trait("Suite", "E2E")]
public sealed class OvmfE2ETests
{
    [Fact]
    public async Task Kata_ovmf_from_debian_edk2_builds()
    {
        var result = await E2EBuilds.KataOvmfAsync();
        Assert.Equal(4 * 1024 * 1024, new FileInfo(result.Combined).Length);
    }

    [Fact]
    public async Task AmdSev_ovmf_builds_with_the_grub_workaround()
    {
        var result = await E2EBuilds.BuildOvmfAsync(OvmfVariant.AmdSev);
        Assert.True(new FileInfo(result.Combined).Length > 0);
    }

    [Fact]
    public async Task Host_ovmf_with_smm_and_secure_boot_builds()
    {
        var result = await E2EBuilds.BuildOvmfAsync(OvmfVariant.Host);
        Assert.True(new FileInfo(result.Code!).Length > 0);
    }
}
