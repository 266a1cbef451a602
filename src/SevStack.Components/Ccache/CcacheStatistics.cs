using System.Globalization;
using SevStack.Toolkit.Processes;

namespace SevStack.Components.Ccache;

/// <summary>
/// ccache's hit and miss counters (<c>ccache --print-stats</c>), to report a build's own hit rate as a difference;
/// <paramref name="RemoteHits"/> are the hits (among <paramref name="Hits"/>) that came from remote storage.
/// </summary>
public sealed record CcacheStatistics(long Hits, long Misses, long RemoteHits = 0)
{
    public static async Task<CcacheStatistics> ReadAsync(ICommandRunner runner, CompilerCache cache, CancellationToken cancellationToken = default)
    {
        var result = await runner.RunAsync(new CommandSpec("ccache", "--print-stats") { IsQuery = true, Environment = cache.Environment }, cancellationToken)
            .ConfigureAwait(false);
        return Parse(result.StandardOutput);
    }

    /// <summary>Parses the tab-separated <c>name value</c> lines of ccache 4.</summary>
    public static CcacheStatistics Parse(string printStats)
    {
        var counters = printStats.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .Where(fields => fields.Length == 2 && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .ToDictionary(fields => fields[0], fields => long.Parse(fields[1], CultureInfo.InvariantCulture));
        long Get(string name) => counters.GetValueOrDefault(name);
        return new CcacheStatistics(Get("direct_cache_hit") + Get("preprocessed_cache_hit"), Get("cache_miss"), Get("remote_storage_hit"));
    }

    public CcacheStatistics Since(CcacheStatistics before) => new(Hits - before.Hits, Misses - before.Misses, RemoteHits - before.RemoteHits);

    public string Describe() => Hits + Misses == 0
        ? "ccache: no compilations"
        : string.Create(CultureInfo.InvariantCulture, $"ccache {100.0 * Hits / (Hits + Misses):0}% hits ({Hits}/{Hits + Misses}{(RemoteHits > 0 ? $", {RemoteHits} from remote storage" : "")})");
}
