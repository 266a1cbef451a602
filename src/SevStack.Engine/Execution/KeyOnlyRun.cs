using SevStack.Engine.Planning;
using SevStack.Engine.Targets;

namespace SevStack.Engine.Execution;

/// <summary>
/// The plan of a <c>--print-cache-key</c> run: every invoked target must be cacheable; no cacheable target runs (its key is
/// computed instead), and of the others only those a key needs run: the dependencies of cacheable targets that need no
/// cacheable target's output themselves. Everything else is skipped before the run starts.
/// </summary>
public static class KeyOnlyRun
{
    public const string Flag = "--print-cache-key";

    /// <summary>Refuses invoked targets that have no cache key (a usage error before anything runs).</summary>
    public static void Check(ExecutionPlan plan)
    {
        var keyless = plan.Invoked.Where(t => t.Cache is null).Select(t => t.Name).ToList();
        if (keyless.Count > 0)
            throw new UsageException($"{Flag}: {string.Join(", ", keyless)} {(keyless.Count == 1 ? "is" : "are")} not cacheable and {(keyless.Count == 1 ? "has" : "have")} no key: name cacheable targets only (see --help)");
    }

    public static void Apply(ExecutionPlan plan)
    {
        var needed = new HashSet<ExecutableTarget>();
        foreach (var target in plan.Targets.Where(t => t.Cache is not null))
            Collect(target, needed);
        foreach (var target in plan.Targets.Where(t => t.Status == TargetStatus.Scheduled && t.Cache is null && !needed.Contains(t)))
        {
            target.Status = TargetStatus.Skipped;
            target.Reason = $"{Flag}: no key needs it";
        }
    }

    /// <summary>The non-cacheable targets a cacheable target's key may read from: its dependencies up to the next cacheable ones.</summary>
    static void Collect(ExecutableTarget cacheable, HashSet<ExecutableTarget> needed)
    {
        var pending = new Stack<ExecutableTarget>(cacheable.Predecessors.Where(p => p.Cache is null));
        while (pending.TryPop(out var target))
            if (!NeedsCacheableOutput(target) && needed.Add(target))
                foreach (var predecessor in target.Predecessors.Where(p => p.Cache is null))
                    pending.Push(predecessor);
    }

    static bool NeedsCacheableOutput(ExecutableTarget target) =>
        target.ExecutionDependencies.Any(d => d.Cache is not null || NeedsCacheableOutput(d));
}
