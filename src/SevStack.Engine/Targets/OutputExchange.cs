namespace SevStack.Engine.Targets;

/// <summary>
/// Where targets hand each other their outputs during one run. A value is set by its producer (<see cref="TargetContext.Produce{T}"/>),
/// or read back once by the producer's restore function: after a cache hit, or when the producer was skipped.
/// </summary>
public sealed class OutputExchange
{
    readonly IReadOnlyDictionary<TargetOutput, ExecutableTarget> producers;
    readonly Dictionary<TargetOutput, object> values = [];
    readonly Lock gate = new();

    public OutputExchange(IReadOnlyDictionary<TargetOutput, ExecutableTarget> producers) => this.producers = producers;

    public ExecutableTarget ProducerOf(TargetOutput output) =>
        producers.TryGetValue(output, out var producer) ? producer : throw new InvalidOperationException($"No target produces {output}");

    internal void Set(ExecutableTarget producer, TargetOutput output, object value)
    {
        if (ProducerOf(output) != producer)
            throw new InvalidOperationException($"{producer.Name} does not declare that it produces {output} (.Produces)");
        lock (gate)
            values[output] = value;
    }

    /// <summary>The value, from this run or read back by the producer's restore function; null when neither has one.</summary>
    internal object? Read(TargetOutput output)
    {
        var producer = ProducerOf(output);
        lock (gate)
        {
            if (values.TryGetValue(output, out var value))
                return value;
            if (producer.Produces.First(p => p.Output == output).Restore?.Invoke() is not { } restored)
                return null;
            values[output] = restored;
            return restored;
        }
    }
}
