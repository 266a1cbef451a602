using SevStack.Build.Testing;
using SevStack.Engine.Parameters;
using SevStack.Engine.Targets;

namespace SevStack.Build;

sealed partial class Build
{
    [Parameter("Which tests Test runs: fast (fixtures and quick real tools), e2e (the slow real builds), or all")]
    readonly TestSuite TestSuite = TestSuite.Fast;

    [Parameter("An extra 'dotnet test --filter' expression, e.g. FullyQualifiedName~Planner")]
    readonly string? TestFilter;

    Target Test => _ => _
        .Description("Install what the tests need (apt packages listed in tests/*/apt-packages.txt), then run them")
        .UsesExclusive("apt")
        .Executes(async context =>
        {
            var runner = new TestRunner(context.Runner, context.Log, RootDirectory);
            await runner.InstallTestPackagesAsync(context.CancellationToken);
            var summary = await runner.RunAsync(TestSuite, TestFilter, ArtifactsDirectory, context.CancellationToken);
            context.Note = summary.ToString();
        });
}
