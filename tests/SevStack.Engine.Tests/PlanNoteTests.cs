using SevStack.Engine.Hosting;
using SevStack.Engine.Parameters;
using SevStack.Engine.Targets;

namespace SevStack.Engine.Tests;

/// <summary>A PlanNote is computed from the parameters when --plan prints, and shown under its target's row; null shows nothing.</summary>
public sealed class PlanNoteTests : IDisposable
{
    readonly HostTestKit host = new();

    public void Dispose() => host.Dispose();

    sealed class NotedBuild : BuildBase
    {
        [Parameter("Where Fetch fetches from")]
        public string Source = "apt:example";

        public Target Fetch => _ => _.PlanNote(() => $"example: {Source}").Executes(() => { });
        public Target Compile => _ => _.DependsOn(Fetch).PlanNote(() => Source.EndsWith("old", StringComparison.Ordinal) ? "cannot be built: too old" : null).Executes(() => { });
    }

    [Fact]
    public async Task Notes_are_shown_under_their_targets_from_the_parameters_given()
    {
        var (exit, output, _) = await host.RunAsync<NotedBuild>("Compile", "--plan", "--source", "git+old");

        Assert.Equal(0, exit);
        Assert.Equal("  1. Fetch    dependency of Compile\n       example: git+old\n  2. Compile  invoked\n       cannot be built: too old\n", output);
    }

    [Fact]
    public async Task A_null_note_shows_nothing()
    {
        var (exit, output, _) = await host.RunAsync<NotedBuild>("Compile", "--plan");

        Assert.Equal(0, exit);
        Assert.Equal("  1. Fetch    dependency of Compile\n       example: apt:example\n  2. Compile  invoked\n", output);
    }
}
