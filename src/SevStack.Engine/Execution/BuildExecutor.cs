using System.Diagnostics;
using SevStack.Engine.Caching;
using SevStack.Engine.Planning;
using SevStack.Toolkit.Processes;
using SevStack.Engine.Targets;

namespace SevStack.Engine.Execution;

/// <summary>
/// Runs a plan as a walk of tasks, one per target, each awaiting its predecessors (the Bullseye shape):
/// each target starts at most once, a semaphore bounds parallelism, named resources are exclusive.
/// </summary>
public sealed class BuildExecutor(IExecutionStrategy strategy, IExecutionObserver observer, ExecutionOptions options)
{
    readonly SemaphoreSlim slots = new(Math.Max(1, options.Parallelism));
    readonly Dictionary<string, SemaphoreSlim> resources = new(StringComparer.Ordinal);
    readonly HashSet<ExecutableTarget> invoked = [];
    EarlyLookups? early;
    volatile bool stopping;

    /// <summary>Runs the plan; <paramref name="cancellationToken"/> is Ctrl-C/SIGTERM: running targets abort, the others do not start.</summary>
    public async Task RunAsync(ExecutionPlan plan, CancellationToken cancellationToken)
    {
        using var early = new EarlyLookups(plan, options, strategy, observer, cancellationToken);
        this.early = early;
        PreRunChecks.Apply(plan, options);
        if (options.PrintCacheKey is not null)
            KeyOnlyRun.Apply(plan);
        invoked.UnionWith(plan.Invoked);
        foreach (var name in plan.Targets.SelectMany(t => t.Resources).Distinct())
            resources[name] = new SemaphoreSlim(1);

        var tasks = new Dictionary<ExecutableTarget, Task>();
        foreach (var target in plan.Targets)
        {
            var predecessors = plan.Predecessors.GetValueOrDefault(target, []).Where(tasks.ContainsKey).Select(p => tasks[p]).ToList();
            tasks[target] = RunTargetAsync(target, plan.Outputs, predecessors, cancellationToken);
        }
        await Task.WhenAll(tasks.Values).ConfigureAwait(false);
        invoked.Clear();
    }

    async Task RunTargetAsync(ExecutableTarget target, OutputExchange outputs, List<Task> predecessors, CancellationToken cancellationToken)
    {
        await Task.WhenAll(predecessors).ConfigureAwait(false);
        if (target.Status != TargetStatus.Scheduled)
            return;
        if (target.ExecutionDependencies.FirstOrDefault(d => d.Status is TargetStatus.Failed or TargetStatus.NotRun or TargetStatus.Aborted) is { } broken)
        {
            NotRun(target, $"because {broken.Name} {(broken.Status == TargetStatus.Failed ? "failed" : "did not run")}");
            return;
        }

        if (!stopping && !cancellationToken.IsCancellationRequested && await early!.UnneededBecauseAsync(target).ConfigureAwait(false) is { } unneeded)
        {
            target.Status = TargetStatus.Skipped;
            target.Reason = unneeded;
            return;
        }

        await slots.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        var held = new List<SemaphoreSlim>();
        try
        {
            foreach (var resource in target.Resources.Order(StringComparer.Ordinal).Select(r => resources[r]))
            {
                await resource.WaitAsync(CancellationToken.None).ConfigureAwait(false);
                held.Add(resource);
            }
            var interrupted = cancellationToken.IsCancellationRequested;
            if (stopping || interrupted)
            {
                NotRun(target, interrupted ? "build interrupted" : "an earlier target failed");
                return;
            }
            await ExecuteAsync(target, outputs, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var resource in held)
                resource.Release();
            slots.Release();
        }
    }

    async Task ExecuteAsync(ExecutableTarget target, OutputExchange outputs, CancellationToken cancellationToken)
    {
        target.Status = TargetStatus.Running;
        observer.TargetStarted(target);
        var prepared = early!.Take(target);
        var log = prepared?.Context.Log ?? observer.CreateLog(target);
        var context = prepared?.Context ?? strategy.CreateContext(target, log, cancellationToken);
        context.Outputs = (target, outputs);
        var stopwatch = Stopwatch.StartNew();
        Exception? error = null;
        var cache = prepared?.Session;
        try
        {
            if (options.PrintCacheKey is { } print && target.Cache is not null && options.Cache is { } keyCache)
            {
                var key = (await keyCache.ManifestAsync(target, context).ConfigureAwait(false)).Key;
                if (invoked.Contains(target))
                    print(target, key);
                target.Status = TargetStatus.Skipped;
                target.Reason = $"{KeyOnlyRun.Flag}: key {key[..8]}";
            }
            else
            {
                if (target.Cache is not null && options.Cache is { } buildCache && !context.IsDryRun)
                {
                    cache ??= await buildCache.OpenAsync(target, context).ConfigureAwait(false);
                    context.WasCached = cache.IsHit;
                    context.CacheKey = cache.Outcome.Key;
                }
                if (!context.WasCached)
                    foreach (var action in target.Actions)
                        await Task.Run(() => action(context), CancellationToken.None).ConfigureAwait(false);
                if (cache is { IsHit: false })
                    await cache.StoreAsync(log, cancellationToken).ConfigureAwait(false);
                target.Status = target.IsCollective ? TargetStatus.Collective : context.WasCached ? TargetStatus.Cached
                    : context.IsDryRun ? TargetStatus.Planned : TargetStatus.Succeeded;
            }
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            target.Status = TargetStatus.Aborted;
            target.Reason = "interrupted";
            stopping = true;
        }
        catch (Exception e)
        {
            error = e;
            target.Status = TargetStatus.Failed;
            target.Error = FailureText.Describe(e);
            stopping = true;
        }
        finally
        {
            cache?.Dispose();
            target.Duration = stopwatch.Elapsed;
            if (target.Status != TargetStatus.Skipped)
                target.Note ??= string.Join("; ", new[] { context.Note, cache?.Note }.OfType<string>()) is { Length: > 0 } note ? note : null;
        }
        observer.TargetFinished(target, error);
    }

    void NotRun(ExecutableTarget target, string reason)
    {
        target.Status = TargetStatus.NotRun;
        target.Reason = reason;
    }
}
