using SevStack.Toolkit.Processes;
using SevStack.Engine.Targets;

namespace SevStack.Engine.Execution;

/// <summary>How target bodies touch the world: for real, or printed (dry run). Swapped as a whole.</summary>
public interface IExecutionStrategy
{
    TargetContext CreateContext(ExecutableTarget target, IBuildLog log, CancellationToken cancellationToken);
}
