using SevStack.Engine;
using SevStack.Engine.Processes;

namespace SevStack.Build.Testing;

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
        if (wanted.Count == 0)
            return;
        var query = await runner.RunAsync(new CommandSpec("dpkg-query", ["-W", "-f=${Package} ${db:Status-Status}\\n", .. wanted]) { IsQuery = true, AllowFailure = true }, cancellationToken);
        var installed = query.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ')).Where(p => p.Length == 2 && p[1] == "installed").Select(p => p[0]).ToHashSet();
        var missing = wanted.Where(p => !installed.Contains(p)).ToList();
        if (missing.Count == 0)
        {
            log.Info($"test packages already installed: {string.Join(' ', wanted)}");
            return;
        }
        var environment = new Dictionary<string, string?> { ["DEBIAN_FRONTEND"] = "noninteractive" };
        await runner.RunAsync(new CommandSpec("apt-get", "update", "-q") { NeedsRoot = true, Environment = environment }, cancellationToken);
        await runner.RunAsync(new CommandSpec("apt-get", ["install", "-y", "-q", "--no-install-recommends", .. missing]) { NeedsRoot = true, Environment = environment }, cancellationToken);
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
            throw new BuildException($"Tests failed ({summary}); see the output above and the .trx files in {Path.Combine(artifacts, "test-results")}");
        if (summary.Passed == 0 && !runner.IsDryRun)
            throw new BuildException($"No test ran with filter '{filter}': check --test-filter");
        return summary;
    }
}
