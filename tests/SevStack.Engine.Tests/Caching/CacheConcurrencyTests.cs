using SevStack.Engine.Targets;

namespace SevStack.Engine.Tests.Caching;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class CacheConcurrencyTests : IDisposable
{
    readonly CacheFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    [Fact]
    public async Task Two_builds_at_once_build_each_target_once_and_the_other_waits_then_hits()
    {
        var gate = new TaskCompletionSource();
        fixture.BodyGate = gate.Task;
        var kits = new[] { new EngineTestKit(), new EngineTestKit() };

        var runs = kits.Select(k => fixture.RunAsync(k)).ToList();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
            while (!kits.Any(k => k.Log.Lines.Any(l => l.StartsWith("waiting for another build that holds the cache key", StringComparison.Ordinal))))
                await Task.Delay(10, timeout.Token);
        gate.SetResult();
        var results = await Task.WhenAll(runs);

        Assert.Equal(["BuildKernel", "BuildQemu", "PackageDebs"], fixture.AllRuns.Order());
        foreach (var name in new[] { "BuildKernel", "BuildQemu", "PackageDebs" })
        {
            var statuses = results.Select(r => r.Plan.Targets.Single(t => t.Name == name).Status).Order().ToList();
            Assert.Equal([TargetStatus.Succeeded, TargetStatus.Cached], statuses);
        }
    }
}
