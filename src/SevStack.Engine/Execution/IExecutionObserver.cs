using SevStack.Toolkit.Processes;
using SevStack.Engine.Targets;

namespace SevStack.Engine.Execution;

/// <summary>Hears what the executor does, for the console and log files.</summary>
public interface IExecutionObserver
{
    IBuildLog CreateLog(ExecutableTarget target);
    void TargetStarted(ExecutableTarget target);
    void TargetFinished(ExecutableTarget target, Exception? error);
}
