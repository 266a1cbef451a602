using SevStack.Testing;

namespace SevStack.Build.Tests;

/// <summary>What --plan and a missing parameter say reads as words and flags, never C# source.</summary>
public class PlanAndRequirementTextTests
{
    [Fact]
    public async Task Plan_with_debs_shows_PackageDebs_skipped_in_words()
    {
        var (exit, output) = await BuildProgram.Run("--plan", "InstallHost", "--debs", "/tmp/debs");

        Assert.True(exit == 0, output);
        var row = output.Split('\n').Single(l => l.Contains(" PackageDebs ", StringComparison.Ordinal));
        Assert.EndsWith("skipped (OnlyWhen: --debs names the packages to install instead)", row.TrimEnd());
        Assert.DoesNotContain("=>", output);
    }

    [Fact]
    public async Task A_missing_parameter_names_its_flag()
    {
        using var root = new TempDirectory("sevstack-requires");

        var (exit, output) = await BuildProgram.RunIsolated(root, "LibvirtXml");

        Assert.Equal(2, exit);
        Assert.Equal("error: Target LibvirtXml requires: --guest-name (give it on the command line, as SEVSTACK_GUEST_NAME or in a parameter file); " +
            "Target LibvirtXml requires: --guest-disk (give it on the command line, as SEVSTACK_GUEST_DISK or in a parameter file)", output.Trim());
        Assert.False(Directory.Exists(root.Combine("artifacts", "libvirt")));
    }

    [Fact]
    public async Task An_snp_kernel_with_sme_active_by_default_is_refused_before_anything_runs()
    {
        using var root = new TempDirectory("sevstack-requires");

        var (exit, output) = await BuildProgram.RunIsolated(root, "BuildKernel", "--kernel-sev-level", "snp", "--amd-mem-encrypt-active-by-default");

        Assert.Equal(2, exit);
        Assert.Equal("error: Target BuildKernel requires: --kernel-sev-level snp without --amd-mem-encrypt-active-by-default: " +
            "no SNP-capable kernel (6.11+) has that option; boot the host with mem_encrypt=on instead", output.Trim());
        Assert.False(Directory.Exists(root.Combine("artifacts", "work")));
    }
}
