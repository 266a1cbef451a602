using SevStack.Toolkit;
using SevStack.Toolkit.Processes;

namespace SevStack.Build.Modules.Test;

/// <summary>Installs the Debian packages the test projects list, then runs <c>dotnet test</c> on the solution.</summary>
public sealed class TestRunner(ICommandRunner runner, IBuildLog log, string root)
{
    public IReadOnlyList<string> RequiredPackages() =>
        Directory.GetFiles(Path.Combine(root, "tests"), "apt-packages.txt", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .SelectMany(File.ReadAllLines)
            .Select(l => l.Split('#', 2)[0].Trim())
            .Where(l => l.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    public async Task InstallTestPackagesAsync(CancellationToken cancellationToken)
    {
        var wanted = RequiredPackages();
        var installed = await new BuildDependencyInstaller(runner).InstallMissingAsync(wanted, cancellationToken);
        log.Info(installed.Count == 0 ? $"test packages already installed: {string.Join(' ', wanted)}" : $"installed test packages: {string.Join(' ', installed)}");
        var tools = new NpmTools(runner, root);
        var installedTools = await tools.InstallMissingAsync(cancellationToken);
        log.Info(installedTools.Count == 0 ? $"test tools already in {tools.Prefix}: {string.Join(' ', tools.Required())}" : $"installed test tools in {tools.Prefix}: {string.Join(' ', installedTools)}");
    }

    public async Task<TestSummary> RunAsync(TestSuite suite, string? extraFilter, string artifacts, CancellationToken cancellationToken)
    {
        var filter = suite switch
        {
            TestSuite.Fast => "Suite!=E2E",
            TestSuite.E2E => "Suite=E2E",
            _ => null,
        };
        if (extraFilter is { Length: > 0 })
            filter = filter is null ? extraFilter : $"({filter})&({extraFilter})";
        var arguments = new List<string> { "test", Path.Combine(root, "SevStack.slnx"), "--nologo", "--results-directory", Path.Combine(artifacts, "test-results"), "--logger", "trx" };
        if (filter is not null)
            arguments.AddRange(["--filter", filter]);
        var result = await runner.RunAsync(new CommandSpec("dotnet", arguments) { WorkingDirectory = root, AllowFailure = true }, cancellationToken);
        var summary = TestSummary.Parse(result.StandardOutput);
        log.Info(summary.ToString());
        if (result.ExitCode != 0 || summary.Failed > 0)
        {
            var failures = FailedTest.ResultFiles(result.StandardOutput).Where(File.Exists).SelectMany(FailedTest.Read).ToList();
            foreach (var failure in failures)
                log.Warning(failure.ToString());
            var names = failures.Count == 0 ? "" : $": {string.Join(", ", failures.Take(5).Select(f => f.Name))}{(failures.Count > 5 ? $" and {failures.Count - 5} more" : "")}";
            throw new BuildException($"Tests failed ({summary}){names}; messages and stack traces in the .trx files in {Path.Combine(artifacts, "test-results")}");
        }
        if (summary.Passed == 0 && !runner.IsDryRun)
            throw new BuildException($"No test ran with filter '{filter}': check --test-filter");
        return summary;
    }
}
