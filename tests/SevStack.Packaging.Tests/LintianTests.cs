using SevStack.Toolkit.Processes;
using SevStack.Packaging.Inputs;
using SevStack.Testing;
using Xunit.Abstractions;

namespace SevStack.Packaging.Tests;

public sealed class LintianTests(ITestOutputHelper output)
{
    // Without --show-overrides: lintian 2.116 exits 2 when it shows overridden errors, even with --fail-on error.
    [Theory]
    [InlineData("/usr/local")]
    [InlineData("/opt/sevstack")]
    public async Task Lintian_finds_no_errors(string prefixPath)
    {
        var prefix = InstallPrefix.Parse(prefixPath);
        using var fixture = await StagedTreeFixture.CreateAsync(prefix);
        using var debs = new TempDirectory("sevstack-debs");
        var record = await new DebPackageBuilder(Tools.Runner()).BuildAsync(StagedTreeFixture.Spec(fixture.Staging(), prefix), debs.Path);

        var result = await Tools.Runner().RunAsync(new CommandSpec("lintian", "--fail-on", "error", "--display-level", ">=pedantic", "--tag-display-limit", "0", debs.Combine(record.File))
        {
            AllowFailure = true,
            Environment = new Dictionary<string, string?> { ["LANG"] = "C.UTF-8" },
        });
        output.WriteLine(result.StandardOutput + result.StandardError);

        var errors = result.StandardOutput.Split('\n').Where(l => l.StartsWith("E: ", StringComparison.Ordinal)).ToList();
        Assert.Empty(errors);
        Assert.Equal(0, result.ExitCode);
    }
}
