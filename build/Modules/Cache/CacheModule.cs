using SevStack.Engine.Caching;

namespace SevStack.Build.Modules.Cache;

/// <summary>Keeps the output cache in bounds.</summary>
sealed class CacheModule(IStackSettings settings) : IBuildModule
{
    [Parameter("CleanCache keeps this many newest entries of each cacheable target")]
    [ValueRange(0, 1_000_000)]
    public int CacheKeep { get; init; } = 3;

    [Parameter("CleanCache then removes the least recently used entries until the cache fits in this many MiB (0: no limit)")]
    [ValueRange(0, int.MaxValue)]
    public int CacheMaxMib { get; init; }

    public Target CleanCache => _ => _
        .Description("Remove old output-cache entries (keeps --cache-keep per target; --cache-max-mib limits the size)")
        .Executes(c =>
        {
            var cacheDirectory = settings.Run.CacheDirectory;
            if (c.IsDryRun)
            {
                c.Log.Info($"would prune {cacheDirectory}: keep {CacheKeep} entries per target" + (CacheMaxMib > 0 ? $", at most {CacheMaxMib} MiB" : ""));
                return;
            }
            var result = CachePruner.Prune(new CacheStore(cacheDirectory), CacheKeep, CacheMaxMib > 0 ? CacheMaxMib * 1024L * 1024 : null);
            c.Note = $"removed {result.EntriesRemoved} entries ({result.BytesFreed / (1024 * 1024)} MiB), {result.EntriesKept} kept";
            c.Log.Info($"{cacheDirectory}: {c.Note}; {result.LeftoversRemoved} leftovers of interrupted builds removed");
        });
}
