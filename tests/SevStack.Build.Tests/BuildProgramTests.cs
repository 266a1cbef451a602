using System.Text.RegularExpressions;
using SevStack.Testing;

namespace SevStack.Build.Tests;

public partial class BuildProgramTests
{
    [Fact]
    public async Task Help_is_approved()
    {
        var (exit, output) = await BuildProgram.Run("--help");

        Assert.Equal(0, exit);
        Approved.Verify(output, "help");
    }

    [Fact]
    public async Task Readme_names_every_target_and_parameter_of_help_and_nothing_else()
    {
        var (_, help) = await BuildProgram.Run("--help");
        var readme = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "README.md"));
        var helpTargets = HelpTarget().Matches(help.Split("Parameters (")[0]).Select(m => m.Groups[1].Value).ToHashSet();
        var helpFlags = Flag().Matches(help).Select(m => m.Value).ToHashSet();

        Assert.NotEmpty(helpTargets);
        Assert.All(helpTargets, t => Assert.True(readme.Contains($"`{t}`", StringComparison.Ordinal), $"README.md does not describe target {t}"));
        Assert.All(helpFlags, f => Assert.True(readme.Contains(f, StringComparison.Ordinal), $"README.md does not describe {f}"));
        var readmeFlags = Flag().Matches(readme).Select(m => m.Value).ToHashSet();
        Assert.All(readmeFlags, f => Assert.True(helpFlags.Contains(f), $"README.md names {f}, which --help does not know"));
    }

    [Fact]
    public async Task Unknown_target_exits_2_with_the_closest_match()
    {
        var (exit, output) = await BuildProgram.Run("Tets");

        Assert.Equal(2, exit);
        Assert.StartsWith("error: Unknown target 'Tets'. Did you mean 'Test'?", output);
    }

    [GeneratedRegex(@"^  ([A-Z][A-Za-z0-9]+) ", RegexOptions.Multiline)]
    private static partial Regex HelpTarget();

    [GeneratedRegex(@"--[a-z][a-z0-9]*(-[a-z0-9]+)*")]
    private static partial Regex Flag();
}
