using SevStack.Engine.Execution;
using SevStack.Toolkit.Processes;
using SevStack.Engine.Targets;

namespace SevStack.Engine.Tracing;

/// <summary>Puts each target that runs on the trace, with its outcome and whether the cache restored it, then tells the console.</summary>
public sealed class TracingObserver(IExecutionObserver inner, RunTrace trace) : IExecutionObserver
{
    public IBuildLog CreateLog(ExecutableTarget target) => inner.CreateLog(target);

    public void TargetStarted(ExecutableTarget target)
    {
        trace.Begin(target.Name);
        inner.TargetStarted(target);
    }

    public void TargetFinished(ExecutableTarget target, Exception? error)
    {
        var arguments = new List<KeyValuePair<string, object?>> { new("status", target.Status.ToString()) };
        if (target.Cache is not null)
            arguments.Add(new("cache", target.Status == TargetStatus.Cached ? "hit" : "miss"));
        if (target.Note is { } note)
            arguments.Add(new("note", note));
        if (target.Error is { } failure)
            arguments.Add(new("error", FailureText.FirstLine(failure)));
        trace.End(target.Name, arguments);
        inner.TargetFinished(target, error);
    }
}
