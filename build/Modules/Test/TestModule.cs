
namespace SevStack.Build.Modules.Test;

/// <summary>The project's own tests, with the Debian packages they need.</summary>
sealed class TestModule(IStackSettings settings) : IBuildModule
{
    [Parameter("Which tests Test runs: fast (fixtures and quick real tools), e2e (the slow real builds), or all")]
    public TestSuite TestSuite { get; init; } = TestSuite.Fast;

    [Parameter("An extra 'dotnet test --filter' expression, e.g. FullyQualifiedName~Planner")]
    public string? TestFilter { get; init; }

    public Target Test => _ => _
        .Description("Install what the tests need (apt packages listed in tests/*/apt-packages.txt), then run them")
        .UsesExclusive("apt")
        .Executes(async context =>
        {
            var runner = new TestRunner(context.Runner, context.Log, settings.Run.RootDirectory);
            await runner.InstallTestPackagesAsync(context.CancellationToken);
            var summary = await runner.RunAsync(TestSuite, TestFilter, settings.Run.ArtifactsDirectory, context.CancellationToken);
            context.Note = summary.ToString();
        });
}
