using SevStack.Engine.Caching;
using SevStack.Testing;

namespace SevStack.Engine.Tests.Caching;

/// <summary>A real child process (the cache probe) killed with SIGKILL at successive points of storing and restoring an entry.</summary>
public sealed class CacheCrashTests : IDisposable
{
    readonly TempDirectory temp = new("sevstack-cache-crash");

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Builds_killed_while_storing_or_restoring_leave_no_entry_that_is_used_later_and_the_next_run_completes()
    {
        var store = new CacheStore(temp.Combine("cache"));
        // Each killed run starts from what the previous one left behind, as a user pressing the reset button would.
        foreach (var point in new[] { "body", "outputs-copied", "manifest-written" })
        {
            using var killed = CacheProbe.Start(store.Root, temp.Path, point);
            await CacheProbe.KillWhenStoppedAsync(killed);
            Assert.Empty(store.Entries("Producer"));
        }
        // Each run removed what the run killed before it left in tmp/: only the last killed run's half-written entry is there.
        Assert.Single(Directory.GetDirectories(Path.Combine(store.Root, "tmp")));
        using (var killed = CacheProbe.Start(store.Root, temp.Path, "published"))
            await CacheProbe.KillWhenStoppedAsync(killed);
        Assert.Single(store.Entries("Producer"));
        using (var killed = CacheProbe.Start(store.Root, temp.Path, "restore-copied"))
            await CacheProbe.KillWhenStoppedAsync(killed);
        Assert.Single(Directory.GetDirectories(temp.Combine("out"), "producer.restoring.*"));

        using var next = CacheProbe.Start(store.Root, temp.Path, "none");
        var (exit, output) = await CacheProbe.FinishAsync(next);

        Assert.True(exit == 0, output);
        Assert.Contains("Producer:Cached", output);
        Assert.Contains("Consumer:Succeeded", output);
        Assert.Equal(["Producer", "Producer", "Producer", "Producer", "Consumer"], File.ReadAllLines(temp.Combine("runs.log")));
        var entry = store.Entries("Producer").Single();
        Assert.Null(Sha256Sums.Verify(entry.Folder));
        Assert.Equal(20, Directory.GetFiles(entry.OutputPath(0)).Length);
        Assert.Single(store.Entries("Consumer"));
        Assert.Equal(["consumer", "producer"], Directory.GetFileSystemEntries(temp.Combine("out")).Select(Path.GetFileName).Order());
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(store.Root, "tmp")));
    }
}
