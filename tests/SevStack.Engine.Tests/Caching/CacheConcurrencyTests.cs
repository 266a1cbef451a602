using SevStack.Engine.Targets;

namespace SevStack.Engine.Tests.Caching;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class CacheConcurrencyTests : IDisposable
{
    readonly CacheFixture clone = new();
    readonly CacheFixture otherClone;

    public CacheConcurrencyTests() => otherClone = new CacheFixture(clone.CacheDirectory);

    public void Dispose()
    {
        clone.Dispose();
        otherClone.Dispose();
    }

    [Fact]
    public async Task Two_clones_building_at_once_build_each_key_once_and_the_other_waits_then_hits()
    {
        var gate = new TaskCompletionSource();
        clone.BodyGate = otherClone.BodyGate = gate.Task;
        var kits = new[] { new EngineTestKit(), new EngineTestKit() };

        var runs = new[] { clone.RunAsync(kits[0]), otherClone.RunAsync(kits[1]) };
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
            while (!kits.Any(k => k.Log.Lines.Any(l => l.StartsWith("waiting for another build that holds the cache key", StringComparison.Ordinal))))
                await Task.Delay(10, timeout.Token);
        gate.SetResult();
        var results = await Task.WhenAll(runs);

        Assert.Equal(["BuildKernel", "BuildQemu", "PackageDebs"], clone.AllRuns.Concat(otherClone.AllRuns).Order());
        foreach (var name in new[] { "BuildKernel", "BuildQemu", "PackageDebs" })
        {
            var statuses = results.Select(r => r.Plan.Targets.Single(t => t.Name == name).Status).Order().ToList();
            Assert.Equal([TargetStatus.Succeeded, TargetStatus.Cached], statuses);
        }
        Assert.Equal(File.ReadAllText(clone.Output("debs", "stack.deb")), File.ReadAllText(otherClone.Output("debs", "stack.deb")));
    }
}
