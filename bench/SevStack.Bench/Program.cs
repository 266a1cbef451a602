using System.Diagnostics;
using SevStack.Engine.Execution;
using SevStack.Engine.Files;
using SevStack.Engine.Planning;
using SevStack.Engine.Processes;
using SevStack.Engine.Targets;

// Plans and runs a generated graph of 500 no-op targets in-process; prints the median against the 100 ms budget.
const int Count = 500;
const double BudgetMs = 100;

var samples = new List<double>();
for (var round = 0; round < 15; round++)
{
    var declared = Enumerable.Range(0, Count)
        .Select(i => ($"T{i}", (Target)(d => (i == 0 ? d : d.DependsOn($"T{i - 1}", $"T{i / 2}", $"T{i / 3}")).Executes(() => { }))))
        .ToList();
    var clock = Stopwatch.StartNew();
    var targets = TargetCollection.Create(declared);
    var plan = ExecutionPlanner.Plan(targets, [$"T{Count - 1}"]);
    await new BuildExecutor(new NoOpStrategy(), new NoOpObserver(), new ExecutionOptions { Parallelism = 2 }).RunAsync(plan, CancellationToken.None);
    clock.Stop();
    if (plan.Targets.Any(t => t.Status != TargetStatus.Succeeded))
        throw new InvalidOperationException("a no-op target did not succeed");
    if (round >= 5)
        samples.Add(clock.Elapsed.TotalMilliseconds);
}
samples.Sort();
var median = samples[samples.Count / 2];
Console.WriteLine($"engine: plan+run {Count} no-op targets: median {median:0.0} ms; ratio to the {BudgetMs:0} ms budget: {median / BudgetMs:0.00}");

sealed class NoOpStrategy : IExecutionStrategy
{
    readonly MemoryBuildLog log = new();
    public TargetContext CreateContext(ExecutableTarget target, IBuildLog _, CancellationToken token) =>
        new(target.Name, log, new DryRunCommandRunner(log, new Privilege(true), null!), new DryRunFileWriter(log), token);
}

sealed class NoOpObserver : IExecutionObserver
{
    readonly MemoryBuildLog log = new();
    public IBuildLog CreateLog(ExecutableTarget target) => log;
    public void TargetStarted(ExecutableTarget target) { }
    public void TargetFinished(ExecutableTarget target, Exception? error) { }
}
