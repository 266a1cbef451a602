using SevStack.Testing;

namespace SevStack.Engine.Tests.Caching;

/// <summary>Two real build processes on one cache at once.</summary>
public sealed class CacheProcessRaceTests : IDisposable
{
    readonly TempDirectory temp = new("sevstack-cache-race");

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task While_one_process_builds_a_key_the_other_waits_with_a_message_and_then_hits()
    {
        var cache = temp.Combine("cache");
        using var first = CacheProbe.Start(cache, temp.Path, "none", body: "hold");
        await CacheProbe.ReadUntilAsync(first, "IN BODY Producer");
        using var second = CacheProbe.Start(cache, temp.Path, "none", body: "hold");
        var secondBeforeRelease = await CacheProbe.ReadUntilAsync(second, "log: waiting for another build that holds the cache key");
        File.WriteAllText(temp.Combine("release"), "");
        var results = await Task.WhenAll(CacheProbe.FinishAsync(first), CacheProbe.FinishAsync(second));

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Output));
        Assert.DoesNotContain("IN BODY", secondBeforeRelease);
        Assert.Contains("Producer:Succeeded", results[0].Output);
        Assert.Contains("Producer:Cached", results[1].Output);
        Assert.Equal(["Consumer", "Producer"], File.ReadAllLines(temp.Combine("runs.log")).Order());
    }
}
