using SevStack.Engine.Execution;
using SevStack.Toolkit.Processes;
using SevStack.Engine.Targets;
using static SevStack.Engine.Tests.EngineTestKit;

namespace SevStack.Engine.Tests;

public class ExecutorTests
{
    readonly EngineTestKit kit = new();

    static Func<ITargetDefinition, ITargetDefinition> Fails(string message) => d => d.Executes(() => throw new BuildException(message));

    [Fact]
    public async Task Every_target_runs_once_in_plan_order()
    {
        var runs = new List<string>();
        var targets = Graph(
            T("A", d => d.Executes(() => runs.Add("A"))),
            T("B", d => d.DependsOn("A").Executes(() => runs.Add("B"))),
            T("C", d => d.DependsOn("A", "B").Executes(() => runs.Add("C"))));

        var plan = await kit.RunAsync(targets, ["C", "B"]);

        Assert.Equal(["A", "B", "C"], runs);
        Assert.Equal("A:Succeeded, B:Succeeded, C:Succeeded", Statuses(plan));
    }

    [Fact]
    public async Task A_failure_stops_the_build_and_dependents_are_not_run()
    {
        var targets = Graph(
            T("A", Fails("boom")),
            T("Independent", d => d.Executes(() => { })),
            T("B", d => d.DependsOn("A").Executes(() => { })));

        var plan = await kit.RunAsync(targets, ["B", "Independent"]);

        Assert.Equal("A:Failed, Independent:NotRun(an earlier target failed), B:NotRun(because A failed)", Statuses(plan));
        Assert.Equal("boom", plan.Targets[0].Error);
    }

    [Fact]
    public async Task Skip_reasons_name_their_cause()
    {
        var targets = Graph(
            T("OnlyForStatic", d => d.Executes(() => { })),
            T("Shared", d => d.Executes(() => { })),
            T("Static", d => d.DependsOn("OnlyForStatic", "Shared").OnlyWhenStatic(() => 1 + 1 == 3).Executes(() => { })),
            T("ViaSkip", d => d.Executes(() => { })),
            T("Top", d => d.DependsOn("Static", "Shared", "ViaSkip")));

        var plan = await kit.RunAsync(targets, ["Top"], new ExecutionOptions { SkippedTargets = new HashSet<ExecutableTarget> { targets.Find("ViaSkip")! } });

        Assert.Equal(
            "OnlyForStatic:Skipped(because of Static), Shared:Succeeded, Static:Skipped(OnlyWhen: () => 1 + 1 == 3), " +
            "ViaSkip:Skipped(via --skip), Top:Collective",
            Statuses(plan));
        Assert.DoesNotContain("OnlyForStatic", kit.Started);
    }

    [Fact]
    public async Task Requirements_are_all_checked_before_anything_runs()
    {
        string? apiKey = null;
        var ran = false;
        var targets = Graph(
            T("First", d => d.Executes(() => ran = true)),
            T("Publish", d => d.DependsOn("First").Requires(() => apiKey).Requires(() => 2 < 1).Executes(() => { })));

        var error = await Assert.ThrowsAsync<UsageException>(() => kit.RunAsync(targets, ["Publish"]));

        Assert.False(ran);
        Assert.Equal(
            "Target Publish requires: --api-key (give it on the command line, as SEVSTACK_API_KEY or in a parameter file); Target Publish requires: () => 2 < 1",
            error.Message);
    }

    [Fact]
    public async Task Parallel_limit_is_respected_and_independent_targets_overlap()
    {
        var current = 0;
        var peak = 0;
        async Task Work()
        {
            var now = Interlocked.Increment(ref current);
            InterlockedMax(ref peak, now);
            await Task.Delay(150);
            Interlocked.Decrement(ref current);
        }
        var targets = Graph(Enumerable.Range(0, 6).Select(i => T($"W{i}", d => d.Executes(Work))).ToArray());

        await kit.RunAsync(targets, targets.All.Select(t => t.Name).ToList(), new ExecutionOptions { Parallelism = 3 });
        Assert.Equal(3, peak);

        peak = 0;
        foreach (var t in targets.All) t.Status = TargetStatus.Scheduled;
        await kit.RunAsync(targets, targets.All.Select(t => t.Name).ToList(), new ExecutionOptions { Parallelism = 1 });
        Assert.Equal(1, peak);
    }

    [Fact]
    public async Task Targets_sharing_an_exclusive_resource_never_overlap()
    {
        var inDpkg = 0;
        var overlapped = false;
        var otherOverlapped = false;
        async Task Dpkg()
        {
            if (Interlocked.Increment(ref inDpkg) > 1) overlapped = true;
            await Task.Delay(100);
            Interlocked.Decrement(ref inDpkg);
        }
        async Task Other()
        {
            await Task.Delay(20);
            if (Volatile.Read(ref inDpkg) > 0) otherOverlapped = true;
            await Task.Delay(100);
        }
        var targets = Graph(
            T("InstallA", d => d.UsesExclusive("dpkg").Executes(Dpkg)),
            T("InstallB", d => d.UsesExclusive("dpkg").Executes(Dpkg)),
            T("InstallC", d => d.UsesExclusive("dpkg", "apt").Executes(Dpkg)),
            T("Compile", d => d.Executes(Other)));

        var plan = await kit.RunAsync(targets, ["InstallA", "InstallB", "InstallC", "Compile"], new ExecutionOptions { Parallelism = 4 });

        Assert.False(overlapped);
        Assert.True(otherOverlapped, "a target without the resource should run beside the dpkg ones");
        Assert.All(plan.Targets, t => Assert.Equal(TargetStatus.Succeeded, t.Status));
    }

    [Fact]
    public async Task Interrupt_kills_the_child_process_tree_and_marks_Aborted()
    {
        using var temp = new SevStack.Testing.TempDirectory();
        var pidFile = temp.Combine("grandchild.pid");
        using var interrupt = new CancellationTokenSource();
        var targets = Graph(
            T("LongTool", d => d.Executes(async c =>
                await c.Runner.RunAsync(new CommandSpec("bash", "-c", $"sleep 300 & echo $! > {pidFile}; wait"), c.CancellationToken))),
            T("Later", d => d.DependsOn("LongTool").Executes(() => { })));

        var run = kit.RunAsync(targets, ["Later"], cancellationToken: interrupt.Token);
        while (!File.Exists(pidFile) || File.ReadAllText(pidFile).Trim().Length == 0)
            await Task.Delay(20);
        var grandchild = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        interrupt.Cancel();
        var plan = await run.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal("LongTool:Aborted(interrupted), Later:NotRun(because LongTool did not run)", Statuses(plan));
        await WaitUntilGone(grandchild);
    }

    static async Task WaitUntilGone(int pid)
    {
        for (var i = 0; i < 100 && Directory.Exists($"/proc/{pid}") && !IsZombie(pid); i++)
            await Task.Delay(50);
        Assert.True(!Directory.Exists($"/proc/{pid}") || IsZombie(pid), $"process {pid} (grandchild) is still running");
    }

    static bool IsZombie(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Trim().StartsWith('Z'); }
        catch (IOException) { return true; }
    }

    static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }
}
