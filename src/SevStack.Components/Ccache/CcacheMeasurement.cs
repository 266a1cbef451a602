using SevStack.Toolkit.Processes;

namespace SevStack.Components.Ccache;

/// <summary>ccache's counters before a build, to report that build's own hit rate afterwards (the store is shared).</summary>
public sealed class CcacheMeasurement
{
    readonly ICommandRunner? runner;
    readonly CompilerCache? cache;
    readonly CcacheStatistics? before;

    CcacheMeasurement(ICommandRunner? runner, CompilerCache? cache, CcacheStatistics? before) => (this.runner, this.cache, this.before) = (runner, cache, before);

    /// <summary>Measures nothing without a cache or in a dry run.</summary>
    public static async Task<CcacheMeasurement> StartAsync(ICommandRunner runner, CompilerCache? cache, CancellationToken cancellationToken = default)
    {
        if (cache is null || runner.IsDryRun)
            return new CcacheMeasurement(null, null, null);
        Directory.CreateDirectory(cache.Directory);
        return new CcacheMeasurement(runner, cache, await CcacheStatistics.ReadAsync(runner, cache, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>"ccache 97% hits (1234/1270)", or null when nothing was measured.</summary>
    public async Task<string?> DescribeAsync(CancellationToken cancellationToken = default)
    {
        if (runner is null || cache is null || before is null)
            return null;
        return (await CcacheStatistics.ReadAsync(runner, cache, cancellationToken).ConfigureAwait(false)).Since(before).Describe();
    }

    /// <summary>A build's summary note: <paramref name="what"/>, then this build's ccache hit rate when measured.</summary>
    public async Task<string> NoteAsync(string what, CancellationToken cancellationToken = default) =>
        await DescribeAsync(cancellationToken).ConfigureAwait(false) is { } hits ? $"{what}; {hits}" : what;
}
