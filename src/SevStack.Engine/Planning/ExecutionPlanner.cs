using SevStack.Engine.Targets;

namespace SevStack.Engine.Planning;

/// <summary>One graph for all invoked targets: closure over dependencies and triggers, cycle check, deterministic order.</summary>
public static class ExecutionPlanner
{
    public static ExecutionPlan Plan(TargetCollection targets, IReadOnlyList<string> invokedNames)
    {
        var invoked = invokedNames.Select(n => Resolve(targets, n)).Distinct().ToList();
        var reasons = new Dictionary<ExecutableTarget, string>();
        foreach (var target in invoked)
            reasons[target] = "invoked";

        var queue = new Queue<ExecutableTarget>(invoked);
        while (queue.Count > 0)
        {
            var target = queue.Dequeue();
            foreach (var dependency in target.ExecutionDependencies)
                Include(dependency, $"dependency of {target.Name}");
            foreach (var triggered in target.Triggers)
                Include(triggered, $"triggered by {target.Name}");
        }

        void Include(ExecutableTarget target, string reason)
        {
            if (reasons.TryAdd(target, reason))
                queue.Enqueue(target);
        }

        var scheduled = reasons.Keys.ToHashSet();
        var predecessors = scheduled.ToDictionary(t => t, t => ScheduledPredecessors(t, scheduled));
        return new ExecutionPlan(Order(scheduled, predecessors), reasons, invoked)
        {
            Predecessors = predecessors,
            Outputs = new OutputExchange(targets.Producers),
        };
    }

    public static ExecutableTarget Resolve(TargetCollection targets, string name)
    {
        if (targets.Find(name) is { } exact)
            return exact;
        var normalized = TargetNames.Normalize(name);
        var prefixed = targets.All.Where(t => TargetNames.Normalize(t.Name).StartsWith(normalized, StringComparison.Ordinal)).ToList();
        if (prefixed.Count == 1 && normalized.Length > 0)
            return prefixed[0];
        if (prefixed.Count > 1 && normalized.Length > 0)
            throw new UsageException($"Target '{name}' is ambiguous: it could be {string.Join(", ", prefixed.Select(t => t.Name))}");
        var valid = targets.All.Select(t => t.Name).ToList();
        var closest = TargetNames.ClosestMatch(name, valid);
        throw new UsageException($"Unknown target '{name}'.{(closest is null ? "" : $" Did you mean '{closest}'?")} Valid targets: {string.Join(", ", valid)}");
    }

    /// <summary>
    /// The scheduled targets <paramref name="target"/> must wait for: its own predecessors, and through an unscheduled
    /// one that one's predecessors (A after B after C with B not scheduled: A still runs after C).
    /// </summary>
    static IReadOnlyList<ExecutableTarget> ScheduledPredecessors(ExecutableTarget target, HashSet<ExecutableTarget> scheduled)
    {
        var found = new List<ExecutableTarget>();
        var visited = new HashSet<ExecutableTarget> { target };
        var pending = new Stack<ExecutableTarget>(target.Predecessors.Reverse());
        while (pending.TryPop(out var candidate))
        {
            if (!visited.Add(candidate))
                continue;
            if (scheduled.Contains(candidate))
                found.Add(candidate);
            else
                foreach (var further in candidate.Predecessors.Reverse())
                    pending.Push(further);
        }
        return found;
    }

    /// <summary>Kahn's algorithm over all edge kinds among the scheduled targets; declaration order breaks ties.</summary>
    static List<ExecutableTarget> Order(HashSet<ExecutableTarget> scheduled, Dictionary<ExecutableTarget, IReadOnlyList<ExecutableTarget>> predecessors)
    {
        var successors = scheduled.ToDictionary(t => t, _ => new List<ExecutableTarget>());
        foreach (var (target, preds) in predecessors)
            foreach (var p in preds)
                successors[p].Add(target);

        var remaining = predecessors.ToDictionary(kv => kv.Key, kv => kv.Value.Count);
        var ready = new PriorityQueue<ExecutableTarget, int>();
        foreach (var (target, count) in remaining)
            if (count == 0)
                ready.Enqueue(target, target.DeclarationIndex);

        var order = new List<ExecutableTarget>(scheduled.Count);
        while (ready.TryDequeue(out var target, out _))
        {
            order.Add(target);
            foreach (var successor in successors[target])
                if (--remaining[successor] == 0)
                    ready.Enqueue(successor, successor.DeclarationIndex);
        }

        if (order.Count < scheduled.Count)
            throw new UsageException("Circular dependency: " + string.Join(" -> ", FindCycle(scheduled.Except(order).ToHashSet(), predecessors)));
        return order;
    }

    static IReadOnlyList<string> FindCycle(HashSet<ExecutableTarget> stuck, Dictionary<ExecutableTarget, IReadOnlyList<ExecutableTarget>> predecessors)
    {
        var start = stuck.OrderBy(t => t.DeclarationIndex).First();
        var path = new List<ExecutableTarget>();
        var position = new Dictionary<ExecutableTarget, int>();
        var current = start;
        while (!position.ContainsKey(current))
        {
            position[current] = path.Count;
            path.Add(current);
            current = predecessors[current].Where(stuck.Contains).OrderBy(t => t.DeclarationIndex).First();
        }
        var cycle = path.Skip(position[current]).Append(current).Select(t => t.Name).ToList();
        return cycle;
    }
}
