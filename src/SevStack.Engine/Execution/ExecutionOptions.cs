using SevStack.Engine.Targets;

namespace SevStack.Engine.Execution;

public sealed record ExecutionOptions
{
    /// <summary>How many target bodies may run at once.</summary>
    public int Parallelism { get; init; } = 1;

    /// <summary>Targets named with <c>--skip</c>.</summary>
    public IReadOnlySet<ExecutableTarget> SkippedTargets { get; init; } = new HashSet<ExecutableTarget>();

    /// <summary>The output cache for cacheable targets; null with <c>--no-cache</c> (and in a dry run).</summary>
    public Caching.BuildCache? Cache { get; init; }

    /// <summary>
    /// <c>--print-cache-key</c>: no cacheable target runs; each invoked one's key is handed here, and of the others only the
    /// targets those keys need run (see <see cref="KeyOnlyRun"/>). Null for a normal run.
    /// </summary>
    public Action<ExecutableTarget, string>? PrintCacheKey { get; init; }
}
