using SevStack.Toolkit.Files;
using SevStack.Toolkit.Processes;
using SevStack.Testing;

namespace SevStack.Engine.Tests;

/// <summary>The dry run's diffs are real unified diffs: patch(1) applies them and gets the content the real run writes.</summary>
public sealed class LineDiffTests
{
    [Theory]
    [InlineData(null, "a\nb\nc\n")]
    [InlineData("a\nb\nc\n", "a\nB\nc\nd\n")]
    [InlineData("x\n", "")]
    [InlineData("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n", "0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n")]
    public async Task A_dry_run_diff_applies_with_patch_p1_from_the_root(string? before, string after)
    {
        using var folder = new TempDirectory("sevstack-linediff");
        var path = folder.Combine("etc", "app.conf");
        if (before is not null) folder.WriteFile("etc/app.conf", before);
        var log = new MemoryBuildLog();

        Assert.True(new DryRunFileWriter(log).WriteAllText(path, after));

        var diff = string.Join("\n", log.Lines.Skip(1)) + "\n";
        var patch = folder.WriteFile("change.diff", diff);
        var result = await new CliWrapCommandRunner(new MemoryBuildLog(), new Privilege(IsRoot: true))
            .RunAsync(new CommandSpec("patch", "-p1", "-d", "/", "--batch", "--forward", "-i", patch) { AllowFailure = true });
        Assert.True(result.ExitCode == 0, diff + result.StandardOutput + result.StandardError);
        Assert.Equal(after, File.Exists(path) ? File.ReadAllText(path) : "");
    }

    [Fact]
    public void A_new_file_starts_at_line_zero_of_nothing()
    {
        Assert.Equal(["--- /dev/null", "+++ /x", "@@ -0,0 +1,2 @@", "+a", "+b"], LineDiff.Unified("", "a\nb\n", "/dev/null", "/x"));
    }
}
