using System.Collections.Concurrent;
using SevStack.Engine.Caching;
using SevStack.Engine.Planning;
using SevStack.Engine.Targets;

namespace SevStack.Engine.Execution;

/// <summary>
/// Targets declared <see cref="CacheDeclaration.LookUpFirst"/>: each is looked up once, when one of its dependencies is
/// about to run. A dependency all of whose waiting dependents are such
/// targets that hit is not needed, and is skipped. The context and the hit's session made here are the ones the target
/// then runs with; after a miss the key is computed again once the dependencies ran.
/// </summary>
sealed class EarlyLookups(ExecutionPlan plan, ExecutionOptions options, IExecutionStrategy strategy, IExecutionObserver observer, CancellationToken cancellationToken) : IDisposable
{
    readonly ConcurrentDictionary<ExecutableTarget, Lazy<Task<bool>>> outcomes = new();
    readonly ConcurrentDictionary<ExecutableTarget, (TargetContext Context, CacheSession? Session)> prepared = new();

    /// <summary>Why <paramref name="dependency"/> need not run, or null when a target waiting for it needs it.</summary>
    public async Task<string?> UnneededBecauseAsync(ExecutableTarget dependency)
    {
        // --print-cache-key prints the key a build stores under, which is the one its dependencies leave (an install may
        // change a tool's version): they run.
        // A target that was itself a hit already restored its outputs: it is reported as Cached, not skipped.
        if (options.Cache is null || options.PrintCacheKey is not null || plan.Invoked.Contains(dependency) || HitEarly(dependency))
            return null;
        var waiting = plan.Targets.Where(t => t.Status != TargetStatus.Skipped && t.ExecutionDependencies.Contains(dependency)).ToList();
        if (waiting.Count == 0 || waiting.Any(t => t.Cache is not { LooksUpFirst: true }))
            return null;
        foreach (var target in waiting)
            if (!await outcomes.GetOrAdd(target, t => new Lazy<Task<bool>>(() => LookUpAsync(t))).Value.ConfigureAwait(false))
                return null;
        var names = string.Join(", ", waiting.Select(t => t.Name));
        return $"not needed: {names} {(waiting.Count == 1 ? "was a cache hit" : "were cache hits")}";
    }

    /// <summary>The context and session prepared for <paramref name="target"/> by a lookup, if one was made.</summary>
    public (TargetContext Context, CacheSession? Session)? Take(ExecutableTarget target) =>
        prepared.TryRemove(target, out var early) ? early : null;

    async Task<bool> LookUpAsync(ExecutableTarget target)
    {
        var cache = options.Cache!;
        var context = strategy.CreateContext(target, observer.CreateLog(target), cancellationToken);
        context.Outputs = (target, plan.Outputs);
        context.NotFinished = producer => plan.Contains(producer) && producer.Status is TargetStatus.Scheduled or TargetStatus.Running;
        try
        {
            var session = await cache.OpenAsync(target, context, beforeDependencies: true).ConfigureAwait(false);
            if (session.IsHit)
            {
                prepared[target] = (context, session);
                return true;
            }
            // A miss builds after the dependencies ran, under the key they leave (an install may change a tool's version).
            session.Dispose();
            foreach (var computed in BuildCache.UpstreamClosure(target).Where(t => t == target || !HitEarly(t)))
                cache.Forget(computed);
            prepared[target] = (context, null);
            return false;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            context.Log.Info($"cache: looked up after the dependencies run, as {e.Message}");
            prepared[target] = (context, null);
            return false;
        }
        finally
        {
            context.NotFinished = null;
        }
    }

    bool HitEarly(ExecutableTarget target) =>
        outcomes.TryGetValue(target, out var outcome) && outcome.IsValueCreated && outcome.Value.IsCompletedSuccessfully && outcome.Value.Result;

    public void Dispose()
    {
        foreach (var (_, session) in prepared.Values)
            session?.Dispose();
        prepared.Clear();
    }
}
