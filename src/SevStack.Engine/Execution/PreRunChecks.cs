using SevStack.Engine.Planning;
using SevStack.Engine.Targets;

namespace SevStack.Engine.Execution;

/// <summary>Before anything runs: --skip, static conditions with skip propagation, and requirements.</summary>
public static class PreRunChecks
{
    public static void Apply(ExecutionPlan plan, ExecutionOptions options)
    {
        ApplySkips(plan, options.SkippedTargets);
        CheckRequirements(plan);
    }

    /// <summary>--skip and static conditions, with skip propagation: what --plan shows as skipped.</summary>
    public static void ApplySkips(ExecutionPlan plan, IReadOnlySet<ExecutableTarget> skippedTargets)
    {
        foreach (var target in plan.Targets)
        {
            if (skippedTargets.Contains(target))
                MarkSkipped(target, "via --skip");
            else if (target.StaticConditions.FirstOrDefault(c => !c.Evaluate()) is { } failed)
                MarkSkipped(target, $"OnlyWhen: {failed.Text}");
        }

        PropagateSkips(plan);
    }

    static void CheckRequirements(ExecutionPlan plan)
    {
        var unmet = plan.Targets
            .Where(t => t.Status == TargetStatus.Scheduled)
            .SelectMany(t => t.Requirements.Where(r => !r.Evaluate()).Select(r => $"Target {t.Name} requires: {r.Text}"))
            .ToList();
        if (unmet.Count > 0)
            throw new UsageException(string.Join("; ", unmet));
    }

    static void MarkSkipped(ExecutableTarget target, string reason)
    {
        target.Status = TargetStatus.Skipped;
        target.Reason = reason;
    }

    /// <summary>A dependency that only skipped targets need is skipped too ("because of X"), unless invoked or triggered.</summary>
    static void PropagateSkips(ExecutionPlan plan)
    {
        var dependents = plan.Targets.ToDictionary(t => t, _ => new List<ExecutableTarget>());
        foreach (var target in plan.Targets)
            foreach (var dependency in target.ExecutionDependencies.Where(plan.Contains))
                dependents[dependency].Add(target);

        foreach (var target in plan.Targets.Reverse())
        {
            if (target.Status != TargetStatus.Scheduled || plan.Invoked.Contains(target))
                continue;
            if (target.TriggerDependencies.Any(t => plan.Contains(t) && t.Status == TargetStatus.Scheduled))
                continue;
            var needers = dependents[target];
            if (needers.Count == 0 || needers.Any(n => n.Status == TargetStatus.Scheduled))
                continue;
            MarkSkipped(target, $"because of {needers[0].Name}");
        }
    }
}
