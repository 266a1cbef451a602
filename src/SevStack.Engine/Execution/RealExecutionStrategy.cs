using SevStack.Toolkit.Files;
using SevStack.Toolkit.Processes;
using SevStack.Engine.Targets;

namespace SevStack.Engine.Execution;

public sealed class RealExecutionStrategy(Privilege privilege) : IExecutionStrategy
{
    public TargetContext CreateContext(ExecutableTarget target, IBuildLog log, CancellationToken cancellationToken) =>
        new(target.Name, log, new CliWrapCommandRunner(log, privilege), new FileWriter(log), cancellationToken);
}
