using SevStack.Engine.Targets;

namespace SevStack.Engine.Planning;

/// <summary>The scheduled targets in the order they may run, each with why it is in the plan.</summary>
public sealed record ExecutionPlan(IReadOnlyList<ExecutableTarget> Targets, IReadOnlyDictionary<ExecutableTarget, string> Reasons, IReadOnlyList<ExecutableTarget> Invoked)
{
    public bool Contains(ExecutableTarget target) => Reasons.ContainsKey(target);
}
