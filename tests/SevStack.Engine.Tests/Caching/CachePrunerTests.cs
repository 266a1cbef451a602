using SevStack.Engine.Caching;

namespace SevStack.Engine.Tests.Caching;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class CachePrunerTests : IDisposable
{
    readonly CacheFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    async Task BuildFlavoursAsync(params string[] flavours)
    {
        var age = 0;
        foreach (var flavour in flavours)
        {
            fixture.Flavour = flavour;
            await fixture.RunAsync();
            foreach (var entry in new CacheStore(fixture.CacheDirectory).Entries("BuildKernel").Where(e => e.LastUsedUtc > DateTime.UtcNow.AddHours(-1)))
                File.SetLastWriteTimeUtc(entry.ManifestPath, DateTime.UtcNow.AddMinutes(-10 * ++age));
        }
    }

    [Fact]
    public async Task Keeps_the_newest_entries_of_each_target()
    {
        await BuildFlavoursAsync("a", "b", "c");
        var store = new CacheStore(fixture.CacheDirectory);
        var newest = store.Entries("BuildKernel").First().Key;
        Directory.CreateDirectory(Path.Combine(fixture.CacheDirectory, "tmp", "deadbeef.999999999.0"));

        var result = CachePruner.Prune(store, keepPerTarget: 1);

        Assert.Equal(2 + 2, result.EntriesRemoved);
        Assert.Equal(1, result.LeftoversRemoved);
        Assert.Equal([newest], store.Entries("BuildKernel").Select(e => e.Key));
        Assert.Single(store.Entries("BuildQemu"));
        Assert.Single(store.Entries("PackageDebs"));
    }

    [Fact]
    public async Task A_size_limit_removes_the_least_recently_used_entries()
    {
        await BuildFlavoursAsync("a", "b");
        var store = new CacheStore(fixture.CacheDirectory);

        var result = CachePruner.Prune(store, keepPerTarget: 10, maxBytes: 0);

        Assert.Equal(0, result.EntriesKept);
        Assert.True(result.BytesFreed > 0);
    }
}
