using SevStack.Toolkit.Processes;

namespace SevStack.Engine.Caching;

/// <summary>
/// One cacheable target's turn: holds the key lock and the output locks from lookup until the outputs are
/// restored or stored, so a second build with the same key waits and then hits.
/// </summary>
public sealed class CacheSession : IDisposable
{
    readonly CacheStore store;
    readonly IReadOnlyList<string> outputs;
    readonly List<FileLock> locks;

    internal CacheSession(CacheStore store, CacheManifest manifest, IReadOnlyList<string> outputs, List<FileLock> locks, CacheOutcome outcome)
    {
        this.store = store;
        this.outputs = outputs;
        this.locks = locks;
        Manifest = manifest;
        Outcome = outcome;
    }

    public CacheManifest Manifest { get; }
    public CacheOutcome Outcome { get; }
    public bool IsHit => Outcome.Hit;

    /// <summary>For the summary: <c>cache hit 1a2b3c4d</c>, or the miss with the fields that changed.</summary>
    public string Note => IsHit
        ? Outcome.HitText
        : $"cache miss {Outcome.ShortKey}: " + string.Join("; ", Outcome.Reasons.Select(r => r.Split(':')[0]));

    /// <summary>The remote cache the stored entry is uploaded to; null for none.</summary>
    internal Remote.RemoteCache? Remote { get; init; }

    /// <summary>Publishes the outputs of the body that just succeeded.</summary>
    public CacheEntry Store() => store.Publish(Manifest, outputs);

    /// <summary>Publishes the outputs, then uploads the entry to the remote cache (unless read-only; a failure there is a warning).</summary>
    public async Task<CacheEntry> StoreAsync(IBuildLog log, CancellationToken cancellationToken)
    {
        var entry = Store();
        if (Remote is { } remote)
            await remote.UploadAsync(entry, log, cancellationToken).ConfigureAwait(false);
        return entry;
    }

    public void Dispose()
    {
        for (var i = locks.Count - 1; i >= 0; i--)
            locks[i].Dispose();
        locks.Clear();
    }
}
