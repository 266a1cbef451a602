using SevStack.Engine.Execution;
using SevStack.Toolkit.Processes;
using SevStack.Engine.Targets;

namespace SevStack.Engine.Tracing;

/// <summary>The run's strategy with every command of every target timed on the trace.</summary>
public sealed class TracingExecutionStrategy(IExecutionStrategy inner, RunTrace trace) : IExecutionStrategy
{
    public TargetContext CreateContext(ExecutableTarget target, IBuildLog log, CancellationToken cancellationToken)
    {
        var context = inner.CreateContext(target, log, cancellationToken);
        return new TargetContext(context.Name, context.Log, new TracingCommandRunner(context.Runner, trace, target.Name), context.Files, context.CancellationToken);
    }
}
