using System.Text.RegularExpressions;
using SevStack.Testing;

namespace SevStack.Build.Tests;

/// <summary>
/// Every mermaid diagram in README.md and the src projects' READMEs that names its command (<c>%% ./build.sh … --plan
/// mermaid</c> as its first line) is exactly what that command prints, so the documented modules and output flow
/// cannot drift from the build program.
/// </summary>
public sealed partial class ArchitectureDiagramTests
{
    public static TheoryData<string> Readmes()
    {
        var data = new TheoryData<string> { "README.md" };
        foreach (var readme in Directory.GetFiles(Path.Combine(SharedData.RepositoryRoot, "src"), "README.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(SharedData.RepositoryRoot, readme));
        return data;
    }

    [Theory]
    [MemberData(nameof(Readmes))]
    public async Task Each_plan_diagram_is_what_its_command_prints(string readme)
    {
        var text = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, readme));
        foreach (Match diagram in PlanDiagram().Matches(text))
        {
            var args = diagram.Groups["args"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var (exit, output) = await BuildProgram.Run(args);
            Assert.True(exit == 0, output);
            Assert.Equal(output, diagram.Groups["graph"].Value);
        }
    }

    [Fact]
    public void The_readme_and_each_stage_project_show_their_plan()
    {
        string[] withDiagrams = ["README.md", "src/SevStack.Components/README.md", "src/SevStack.Packaging/README.md", "src/SevStack.Host/README.md",
            "src/SevStack.Kata/README.md", "src/SevStack.Docker/README.md", "src/SevStack.Checks/README.md", "src/SevStack.Launch/README.md",
            "src/SevStack.Measurement/README.md", "src/SevStack.Sources/README.md"];
        Assert.All(withDiagrams, readme => Assert.Matches(PlanDiagram(), File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, readme))));
    }

    [GeneratedRegex(@"```mermaid\n%% \./build\.sh (?<args>[^\n]*--plan mermaid)\n(?<graph>graph LR\n[\s\S]*?)```")]
    private static partial Regex PlanDiagram();
}
