using SevStack.Components.Ovmf;
using SevStack.Engine;
using SevStack.Engine.Processes;

namespace SevStack.Build.Tests.E2E;

/// <summary>
/// The real edk2 tree FetchOvmf gives, built with <see cref="OvmfBuilder"/> directly: the seed's AmdSev (GRUB with
/// sevsecret) is refused with Debian's GRUB, and AmdSev without it and Kata build from the one tree, each image checked.
/// </summary>
[Trait("Suite", "E2E")]
[Collection(RealStackCollection.Name)]
public sealed class OvmfVariantsE2ETests(RealStack stack)
{
    readonly CliWrapCommandRunner runner = new(new MemoryBuildLog(), Privilege.Detect());

    [Fact]
    public async Task AmdSev_and_kata_build_from_one_edk2_tree_and_debian_grub_is_refused_for_sevsecret()
    {
        var (exit, output) = await stack.RunAsync("ovmf-fetch", "FetchOvmf");
        Assert.True(exit == 0, output);
        var request = new OvmfBuildRequest(Path.Combine(stack.Artifacts, "work", "src", "ovmf"), [OvmfVariant.AmdSev, OvmfVariant.Kata]);

        var refused = await Assert.ThrowsAsync<BuildException>(() => new OvmfBuilder(runner).BuildAllAsync(request));
        var results = await new OvmfBuilder(runner).BuildAllAsync(request with { SecretModule = SevSecretModule.Omitted });

        Assert.StartsWith($"{AmdSevGrub.DebianModuleDirectory} has no sevsecret.mod,", refused.Message);
        var amdSev = results.Single(r => r.Variant == OvmfVariant.AmdSev);
        var kata = results.Single(r => r.Variant == OvmfVariant.Kata);
        Assert.NotEqual(amdSev.FirmwareDirectory, kata.FirmwareDirectory);
        Assert.True(new FileInfo(amdSev.Combined).Length > 1024 * 1024);
        Assert.False(amdSev.GrubHasSecretModule);
        Assert.Contains(OvmfFooterTable.SevSecret, amdSev.FooterEntries);
        Assert.Contains(OvmfFooterTable.SevKernelHashes, amdSev.FooterEntries);
        Assert.True(new FileInfo(kata.Code!).Length > 1024 * 1024);
        Assert.Contains(OvmfFooterTable.SevEsResetBlock, kata.FooterEntries);
    }
}
