using SevStack.Toolkit.Files;
using SevStack.Toolkit.Processes;
using SevStack.Engine.Targets;

namespace SevStack.Engine.Execution;

/// <summary>Target bodies run, but commands that change things are printed and file changes shown as diffs.</summary>
public sealed class DryRunExecutionStrategy(Privilege privilege) : IExecutionStrategy
{
    public TargetContext CreateContext(ExecutableTarget target, IBuildLog log, CancellationToken cancellationToken) =>
        new(target.Name, log, new DryRunCommandRunner(log, privilege, new CliWrapCommandRunner(log, privilege)), new DryRunFileWriter(log), cancellationToken);
}
