using System.Text.Json.Nodes;
using SevStack.Components.Ovmf;
using SevStack.Measurement.Firmware;
using SevStack.Testing;

namespace SevStack.Build.Tests.E2E;

/// <summary>
/// BuildOvmf with two platforms from the one edk2 tree FetchOvmf gives (cached like every build): the seed's AmdSev is
/// refused before anything runs with Debian's GRUB, which has no sevsecret module; AmdSev without it and Kata build,
/// each image's footer carrying what its platform reserves.
/// </summary>
[Trait("Suite", "E2E")]
[Collection(RealStackCollection.Name)]
public sealed class OvmfVariantsE2ETests(RealStack stack)
{
    [Fact]
    public async Task AmdSev_and_kata_build_from_one_edk2_tree_and_debian_grub_is_refused_for_sevsecret()
    {
        var (refusedExit, refused) = await stack.RunAsync("ovmf-sevsecret", "BuildOvmf", "--ovmf-variant", "amd-sev", "kata");
        Assert.True(refusedExit == 2, refused);
        Assert.Contains($"{AmdSevGrub.DebianModuleDirectory} has none (no Debian GRUB has it)", refused);

        var (exit, output) = await stack.RunAsync("ovmf-variants", "BuildOvmf", "--ovmf-variant", "amd-sev", "kata", "--ovmf-sevsecret", "omitted");

        Assert.True(exit == 0, output);
        var variants = JsonNode.Parse(File.ReadAllText(Path.Combine(stack.Out("BuildOvmf"), "result.json")))!["Result"]!.AsArray();
        Assert.Equal(["AmdSev", "Kata"], variants.Select(v => (string?)v!["Variant"]));
        Assert.False((bool?)variants[0]!["GrubHasSecretModule"]);
        Assert.Contains(FooterGuids.SevSecret.ToString(), variants[0]!["FooterEntries"]!.AsArray().Select(g => (string?)g));
        Assert.Contains(FooterGuids.SevHashTableArea.ToString(), variants[0]!["FooterEntries"]!.AsArray().Select(g => (string?)g));
        Assert.Contains(FooterGuids.SevEsResetBlock.ToString(), variants[1]!["FooterEntries"]!.AsArray().Select(g => (string?)g));
        Assert.True(new FileInfo(Path.Combine(stack.Out("BuildOvmf"), "amd-sev", "OVMF.fd")).Length > 1024 * 1024);
        Assert.True(new FileInfo(Path.Combine(stack.Out("BuildOvmf"), "kata", "OVMF.fd")).Length > 1024 * 1024);
    }
}
