using SevStack.Testing;

namespace SevStack.Engine.Tests.Caching;

/// <summary>Two real build processes on one cache at once.</summary>
public sealed class CacheProcessRaceTests : IDisposable
{
    readonly TempDirectory temp = new("sevstack-cache-race");

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Two_processes_at_once_build_once_and_the_other_waits_then_hits()
    {
        var cache = temp.Combine("cache");
        using var first = CacheProbe.Start(cache, temp.Path, "none", bodyDelayMilliseconds: 1500);
        using var second = CacheProbe.Start(cache, temp.Path, "none", bodyDelayMilliseconds: 1500);
        var results = await Task.WhenAll(CacheProbe.FinishAsync(first), CacheProbe.FinishAsync(second));

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Output));
        Assert.Equal(["Consumer", "Producer"], File.ReadAllLines(temp.Combine("runs.log")).Order());
        Assert.Single(results, r => r.Output.Contains("Producer:Succeeded", StringComparison.Ordinal));
        Assert.Single(results, r => r.Output.Contains("Producer:Cached", StringComparison.Ordinal));
        Assert.Contains(results, r => r.Output.Contains("log: waiting for another build that holds the cache key", StringComparison.Ordinal));
    }
}
