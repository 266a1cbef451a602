using SevStack.Engine.Targets;

namespace SevStack.Engine.Planning;

/// <summary>The scheduled targets in the order they may run, each with why it is in the plan.</summary>
public sealed record ExecutionPlan(IReadOnlyList<ExecutableTarget> Targets, IReadOnlyDictionary<ExecutableTarget, string> Reasons, IReadOnlyList<ExecutableTarget> Invoked)
{
    public bool Contains(ExecutableTarget target) => Reasons.ContainsKey(target);

    /// <summary>For each scheduled target, the scheduled ones it waits for, found through unscheduled targets too.</summary>
    public IReadOnlyDictionary<ExecutableTarget, IReadOnlyList<ExecutableTarget>> Predecessors { get; init; } =
        new Dictionary<ExecutableTarget, IReadOnlyList<ExecutableTarget>>();

    /// <summary>Where this run's targets hand each other their outputs.</summary>
    public OutputExchange Outputs { get; init; } = new(new Dictionary<TargetOutput, ExecutableTarget>());
}
