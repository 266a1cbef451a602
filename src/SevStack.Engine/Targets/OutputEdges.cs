namespace SevStack.Engine.Targets;

/// <summary>Turns Produces/Consumes declarations into producers and edges: a consumer depends on (or runs after) the producer.</summary>
internal static class OutputEdges
{
    public static IReadOnlyDictionary<TargetOutput, ExecutableTarget> Connect(IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<TargetDefinition> definitions)
    {
        var producers = new Dictionary<TargetOutput, ExecutableTarget>();
        var problems = new List<string>();
        foreach (var target in targets)
            foreach (var produced in target.Produces)
            {
                if (!producers.TryAdd(produced.Output, target))
                    problems.Add($"{produced.Output} is produced by both {producers[produced.Output].Name} and {target.Name}");
                if (target.Cache is not null && produced.Restore is null)
                    problems.Add($"{target.Name} is Cacheable, so {produced.Output} needs a restore function (.Produces(output, restore))");
            }

        for (var i = 0; i < targets.Count; i++)
        {
            var consumer = targets[i];
            // Producers first, in the order consumed: what a target consumes is what it is made from.
            var producersFirst = new List<ExecutableTarget>();
            foreach (var output in definitions[i].ConsumedOutputs.Distinct())
                if (Producer(output) is { } producer)
                {
                    consumer.Consumes.Add(output);
                    if (!producersFirst.Contains(producer))
                        producersFirst.Add(producer);
                }
            consumer.ExecutionDependencies.RemoveAll(producersFirst.Contains);
            consumer.ExecutionDependencies.InsertRange(0, producersFirst);
            foreach (var output in definitions[i].ConsumedWhenScheduled.Distinct())
                if (Producer(output) is { } producer)
                {
                    consumer.ConsumesWhenScheduled.Add(output);
                    if (!consumer.OrderDependencies.Contains(producer))
                        consumer.OrderDependencies.Add(producer);
                }

            ExecutableTarget? Producer(TargetOutput output)
            {
                if (producers.TryGetValue(output, out var producer))
                    return producer;
                problems.Add($"{consumer.Name} consumes {output}, which no target produces");
                return null;
            }
        }

        if (problems.Count > 0)
            throw new UsageException(string.Join(Environment.NewLine, problems));
        return producers;
    }
}
