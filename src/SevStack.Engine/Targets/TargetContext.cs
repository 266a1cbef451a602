using SevStack.Toolkit.Files;
using SevStack.Toolkit.Processes;

namespace SevStack.Engine.Targets;

/// <summary>What a running target gets: its own log, the command runner and file writer of the current strategy.</summary>
public sealed class TargetContext(string name, IBuildLog log, ICommandRunner runner, IFileWriter files, CancellationToken cancellationToken)
{
    public string Name { get; } = name;
    public IBuildLog Log { get; } = log;
    public ICommandRunner Runner { get; } = runner;
    public IFileWriter Files { get; } = files;
    public CancellationToken CancellationToken { get; } = cancellationToken;
    public bool IsDryRun => Runner.IsDryRun;

    /// <summary>Text for the note column of the summary table.</summary>
    public string? Note { get; set; }

    /// <summary>Set by a target that restored its outputs from the cache instead of doing the work.</summary>
    public bool WasCached { get; set; }

    /// <summary>The cache key of a cacheable target (null for the others, and with --no-cache).</summary>
    public string? CacheKey { get; set; }

    /// <summary>Set by the executor: the target running and the run's exchange of outputs.</summary>
    internal (ExecutableTarget Target, OutputExchange Exchange)? Outputs { get; set; }

    /// <summary>
    /// Set while a cache key is computed before the dependencies ran (<see cref="Caching.CacheDeclaration.LookUpFirst"/>):
    /// true for a producer that is to run in this build and has not finished, whose output cannot be read yet.
    /// </summary>
    internal Func<ExecutableTarget, bool>? NotFinished { get; set; }

    /// <summary>Hands a declared output (<c>.Produces</c>) to the targets that consume it.</summary>
    public void Produce<T>(TargetOutput<T> output, T value) where T : class
    {
        var (target, exchange) = RequireOutputs(output);
        exchange.Set(target, output, value);
    }

    /// <summary>An output this target consumes (<c>.Consumes</c>): from this run, the cache, or read back after a skip.</summary>
    public T Get<T>(TargetOutput<T> output) where T : class
    {
        var (target, exchange) = RequireOutputs(output);
        if (!target.Consumes.Contains(output))
            throw new InvalidOperationException($"{Name} reads {output} without declaring it (.Consumes)");
        var producer = RequireFinished(exchange, output);
        return exchange.Read(output) as T
            ?? throw new BuildException($"{producer.Name} produced no {output} in this run and left none to read back: run {producer.Name} first");
    }

    /// <summary>An output this target takes when its producer is in this run (<c>.ConsumesWhenScheduled</c>); null otherwise.</summary>
    public T? Find<T>(TargetOutput<T> output) where T : class
    {
        var (target, exchange) = RequireOutputs(output);
        if (!target.ConsumesWhenScheduled.Contains(output))
            throw new InvalidOperationException($"{Name} looks for {output} without declaring it (.ConsumesWhenScheduled)");
        return RequireFinished(exchange, output).Status is TargetStatus.Succeeded or TargetStatus.Cached or TargetStatus.Planned ? exchange.Read(output) as T : null;
    }

    ExecutableTarget RequireFinished(OutputExchange exchange, TargetOutput output)
    {
        var producer = exchange.ProducerOf(output);
        if (NotFinished?.Invoke(producer) == true)
            throw new KeyNeedsDependencyException($"its cache key reads {output}, which {producer.Name} has not made yet");
        return producer;
    }

    (ExecutableTarget Target, OutputExchange Exchange) RequireOutputs(TargetOutput output) =>
        Outputs ?? throw new InvalidOperationException($"{Name} uses {output} outside a run");
}
