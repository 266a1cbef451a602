using SevStack.Engine.Execution;
using SevStack.Toolkit.Files;
using SevStack.Engine.Planning;
using SevStack.Toolkit.Processes;
using SevStack.Engine.Targets;

namespace SevStack.Engine.Tests;

/// <summary>Bare targets, a recording observer and a real runner: the engine with nothing else around it.</summary>
internal sealed class EngineTestKit : IExecutionStrategy, IExecutionObserver
{
    readonly List<string> started = [];
    public IReadOnlyList<string> Started { get { lock (started) return [.. started]; } }
    public MemoryBuildLog Log { get; } = new();

    public static TargetCollection Graph(params (string Name, Target Target)[] declared) => TargetCollection.Create(declared);

    public static (string, Target) T(string name, Func<ITargetDefinition, ITargetDefinition>? configure = null) =>
        (name, d => configure is null ? d : configure(d));

    public async Task<ExecutionPlan> RunAsync(TargetCollection targets, IReadOnlyList<string> invoked, ExecutionOptions? options = null, CancellationToken cancellationToken = default)
    {
        var plan = ExecutionPlanner.Plan(targets, invoked);
        await new BuildExecutor(this, this, options ?? new ExecutionOptions()).RunAsync(plan, cancellationToken);
        return plan;
    }

    /// <summary>Runs the targets as --dry-run does: commands printed, files diffed.</summary>
    public bool DryRun { get; init; }

    public TargetContext CreateContext(ExecutableTarget target, IBuildLog log, CancellationToken cancellationToken) => DryRun
        ? new DryRunExecutionStrategy(new Privilege(IsRoot: true)).CreateContext(target, log, cancellationToken)
        : new(target.Name, log, new CliWrapCommandRunner(log, new Privilege(IsRoot: true)), new FileWriter(log), cancellationToken);

    public IBuildLog CreateLog(ExecutableTarget target) => Log;

    public void TargetStarted(ExecutableTarget target)
    {
        lock (started)
            started.Add(target.Name);
    }

    public void TargetFinished(ExecutableTarget target, Exception? error) { }

    public static string Statuses(ExecutionPlan plan) =>
        string.Join(", ", plan.Targets.Select(t => t.Reason is null ? $"{t.Name}:{t.Status}" : $"{t.Name}:{t.Status}({t.Reason})"));
}
