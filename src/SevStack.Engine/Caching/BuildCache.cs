using System.Collections.Concurrent;
using SevStack.Engine.Caching.Remote;
using SevStack.Toolkit.Processes;
using SevStack.Engine.Targets;

namespace SevStack.Engine.Caching;

/// <summary>
/// The cache for one build invocation: computes each cacheable target's manifest once (tool versions once per
/// command), and opens the session that restores or stores the target's outputs. After a local miss it asks the
/// remote cache (<see cref="CacheSettings.Remote"/>), whose hit is stored locally and restored like a local one.
/// </summary>
public sealed class BuildCache(CacheSettings settings) : IDisposable
{
    readonly RemoteCache? remote = settings.Remote is { } remoteSettings ? new RemoteCache(remoteSettings) : null;
    readonly ConcurrentDictionary<string, Task<string>> toolVersions = new(StringComparer.Ordinal);
    readonly PackageVersions packageVersions = new();
    readonly ConcurrentDictionary<ExecutableTarget, Task<CacheManifest>> manifests = new();
    readonly List<CacheOutcome> outcomes = [];
    int leftoversChecked;

    public CacheStore Store { get; } = new(settings.Directory) { OnStep = settings.OnStep };

    /// <summary>Hits and misses with their reasons, in the order targets finished looking up.</summary>
    public IReadOnlyList<CacheOutcome> Outcomes { get { lock (outcomes) return [.. outcomes]; } }

    /// <summary>Looks the target up: restores its outputs on a hit; on a miss the caller runs the body and stores.</summary>
    /// <param name="beforeDependencies">A lookup before the dependencies ran, whose miss is not reported: the target is looked up again after them.</param>
    public async Task<CacheSession> OpenAsync(ExecutableTarget target, TargetContext context, bool beforeDependencies = false)
    {
        var declaration = target.Cache ?? throw new InvalidOperationException($"{target.Name} is not cacheable");
        if (Interlocked.Exchange(ref leftoversChecked, 1) == 0 && Store.RemoveLeftovers() is > 0 and var removed)
            context.Log.Info($"cache: removed {removed} folder(s) that killed builds left in {Path.Combine(Store.Root, "tmp")}");
        var manifest = await ManifestAsync(target, context).ConfigureAwait(false);
        var outputs = declaration.Outputs.Select(o => Path.GetFullPath(o())).ToList();
        var key = manifest.Key;
        var locks = new List<FileLock>();
        try
        {
            locks.Add(await FileLock.AcquireAsync(Store.KeyLockPath(target.Name, key), $"the cache key {key[..8]} of {target.Name}", context.Log, context.CancellationToken).ConfigureAwait(false));
            foreach (var output in outputs.Distinct().Order(StringComparer.Ordinal))
                locks.Add(await FileLock.AcquireAsync(Store.OutputLockPath(output), $"the output {output}", context.Log, context.CancellationToken).ConfigureAwait(false));

            var outcome = Lookup(target, context.Log, manifest, outputs);
            if (!outcome.Hit && remote is not null && !settings.RebuildTargets.Contains(target.Name))
                outcome = await RemoteLookupAsync(remote, outcome, context, manifest, outputs).ConfigureAwait(false);
            var session = new CacheSession(Store, manifest, outputs, locks, outcome) { Remote = remote };
            if (session.IsHit || !beforeDependencies)
                lock (outcomes)
                    outcomes.Add(session.Outcome);
            return session;
        }
        catch
        {
            locks.ForEach(l => l.Dispose());
            throw;
        }
    }

    CacheOutcome Lookup(ExecutableTarget target, IBuildLog log, CacheManifest manifest, List<string> outputs)
    {
        var entry = Store.Entry(target.Name, manifest.Key);
        string? corruption = null;
        if (settings.RebuildTargets.Contains(target.Name))
            return Miss(["forced by --rebuild"]);
        if (Store.IsPublished(entry) && Store.IsOlderFormat(entry))
        {
            if (Store.UpgradeOlderFormat(entry) is { } mismatch)
            {
                log.Warning($"cache entry {manifest.Key[..8]} of {target.Name} was stored by an older SevStack and {mismatch}: evicted, rebuilding");
                Store.Evict(entry);
                return Miss([$"the entry was stored in an older format and {mismatch}; it was evicted"]);
            }
            log.Info($"cache entry {manifest.Key[..8]} of {target.Name} was stored by an older SevStack: its content matched its checksums, which now cover modes and folders too");
        }
        if (Store.IsPublished(entry))
        {
            corruption = Store.Check(entry, manifest);
            if (corruption is null)
            {
                Store.Restore(entry, outputs);
                log.Info($"cache hit {manifest.Key[..8]}: restored {outputs.Count} output(s) from {entry.Folder}");
                return new CacheOutcome(target.Name, manifest.Key, Hit: true, []);
            }
            log.Warning($"cache entry {manifest.Key[..8]} of {target.Name} is corrupt ({corruption}): evicted, rebuilding");
            Store.Evict(entry);
            return Miss([$"the entry was corrupt ({corruption}) and was evicted"]);
        }

        var newest = Store.Entries(target.Name).FirstOrDefault();
        var reasons = newest is null
            ? ["no earlier entry for this target"]
            : ManifestDiff.Describe(CacheManifest.ReadFields(File.ReadAllText(newest.ManifestPath)), manifest.Fields());
        return Miss(reasons);

        CacheOutcome Miss(IReadOnlyList<string> why) => new(target.Name, manifest.Key, Hit: false, why);
    }

    async Task<CacheOutcome> RemoteLookupAsync(RemoteCache remoteCache, CacheOutcome localMiss, TargetContext context, CacheManifest manifest, List<string> outputs)
    {
        var found = await remoteCache.FetchAsync(Store, manifest, context.Log, context.CancellationToken).ConfigureAwait(false);
        if (found.Entry is not { } entry)
            return localMiss with { Reasons = [.. localMiss.Reasons, found.Reason] };
        Store.Restore(entry, outputs);
        context.Log.Info($"cache hit {manifest.Key[..8]}: restored {outputs.Count} output(s) fetched from the remote cache {settings.Remote!.Url} (now also in {entry.Folder})");
        return new CacheOutcome(manifest.Target, manifest.Key, Hit: true, []) { FromRemote = true };
    }

    /// <summary>
    /// The target's manifest, computed once per build (also for upstream targets that did not run); computed again after
    /// a failure (a lookup before the dependencies ran may fail where the one after them does not).
    /// </summary>
    public Task<CacheManifest> ManifestAsync(ExecutableTarget target, TargetContext context)
    {
        var computed = manifests.GetOrAdd(target, t => ComputeManifestAsync(t, context));
        return computed.IsFaulted ? manifests.AddOrUpdate(target, t => ComputeManifestAsync(t, context), (t, _) => ComputeManifestAsync(t, context)) : computed;
    }

    /// <summary>Drops a manifest computed before the dependencies ran, so that it is computed again after them.</summary>
    /// <remarks>Tool versions are asked again too: the install of the dependencies may have installed or changed them.</remarks>
    internal void Forget(ExecutableTarget target)
    {
        manifests.TryRemove(target, out _);
        toolVersions.Clear();
        packageVersions.Clear();
    }

    async Task<CacheManifest> ComputeManifestAsync(ExecutableTarget target, TargetContext context)
    {
        var declaration = target.Cache ?? throw new UsageException($"{target.Name} is named as an upstream cache target but is not cacheable");
        var inputs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in declaration.Inputs)
            if (!inputs.TryAdd(name, await value(context).ConfigureAwait(false)))
                throw new UsageException($"{target.Name} declares the cache input '{name}' twice");
        var tools = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, command) in declaration.Tools)
            tools[name] = await ToolVersionAsync(command, context).ConfigureAwait(false);
        // The packages of the target's and its upstream targets' tools are asked together: one query for the whole key.
        var packages = await packageVersions.IdentitiesAsync([.. UpstreamClosure(target).SelectMany(t => t.Cache?.Packages ?? []).Select(p => p.Package).Distinct()],
            context.Runner, context.Log, context.CancellationToken).ConfigureAwait(false);
        foreach (var (name, package) in declaration.Packages)
            if (!tools.TryAdd(name, packages[package]))
                throw new UsageException($"{target.Name} declares the tool '{name}' twice");
        var upstream = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var dependency in target.CacheUpstream)
            upstream[dependency.Name] = (await ManifestAsync(dependency, context).ConfigureAwait(false)).Key;
        return new CacheManifest(target.Name, declaration.RecipeVersion, inputs, tools, upstream);
    }

    /// <summary>The target and every cacheable target whose key joins its key, transitively.</summary>
    internal static IEnumerable<ExecutableTarget> UpstreamClosure(ExecutableTarget target) =>
        target.CacheUpstream.SelectMany(UpstreamClosure).Prepend(target).Distinct();

    Task<string> ToolVersionAsync(IReadOnlyList<string> command, TargetContext context) =>
        toolVersions.GetOrAdd(string.Join('\0', command), async _ =>
        {
            var result = await context.Runner.RunAsync(new CommandSpec(command[0], command.Skip(1).ToArray()) { IsQuery = true }, context.CancellationToken).ConfigureAwait(false);
            var text = result.StandardOutput.Trim().Length > 0 ? result.StandardOutput : result.StandardError;
            return text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "(no output)";
        });

    public void Dispose() => remote?.Dispose();
}
