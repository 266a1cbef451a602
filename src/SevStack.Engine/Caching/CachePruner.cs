namespace SevStack.Engine.Caching;

/// <summary>What <see cref="CachePruner"/> did.</summary>
public sealed record PruneResult(int EntriesRemoved, long BytesFreed, int LeftoversRemoved, int EntriesKept);

/// <summary>
/// Keeps the newest <c>keepPerTarget</c> entries of each target, then removes the least recently used entries until
/// the cache fits in <c>maxBytes</c>. Entries in use (key lock held by a running build) are left alone.
/// </summary>
public static class CachePruner
{
    public static PruneResult Prune(CacheStore store, int keepPerTarget, long? maxBytes = null)
    {
        if (keepPerTarget < 0)
            throw new UsageException($"Keep at least 0 entries per target, not {keepPerTarget}");
        var leftovers = store.RemoveLeftovers();
        var removed = 0;
        long freed = 0;
        var kept = new List<(CacheEntry Entry, long Size)>();

        void Remove(CacheEntry entry, long size)
        {
            using var held = FileLock.TryAcquire(store.KeyLockPath(entry.Target, entry.Key));
            if (held is null)
                return;
            store.Evict(entry);
            removed++;
            freed += size;
        }

        foreach (var target in store.Targets())
        {
            var entries = store.Entries(target);
            foreach (var entry in entries.Skip(keepPerTarget))
                Remove(entry, entry.SizeBytes);
            kept.AddRange(entries.Take(keepPerTarget).Select(e => (e, e.SizeBytes)));
        }

        if (maxBytes is { } limit)
        {
            var total = kept.Sum(k => k.Size);
            foreach (var (entry, size) in kept.OrderBy(k => k.Entry.LastUsedUtc).ToList())
            {
                if (total <= limit)
                    break;
                Remove(entry, size);
                total -= size;
            }
        }
        return new PruneResult(removed, freed, leftovers, store.Targets().Sum(t => store.Entries(t).Count));
    }
}
