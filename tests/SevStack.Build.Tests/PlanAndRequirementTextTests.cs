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
}
