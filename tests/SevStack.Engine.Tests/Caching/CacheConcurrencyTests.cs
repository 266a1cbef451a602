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
        fixture.BodyDelay = TimeSpan.FromMilliseconds(300);

        var results = await Task.WhenAll(fixture.RunAsync(), fixture.RunAsync());

        Assert.Equal(["BuildKernel", "BuildQemu", "PackageDebs"], fixture.AllRuns.Order());
        foreach (var name in new[] { "BuildKernel", "BuildQemu", "PackageDebs" })
        {
            var statuses = results.Select(r => r.Plan.Targets.Single(t => t.Name == name).Status).Order().ToList();
            Assert.Equal([TargetStatus.Succeeded, TargetStatus.Cached], statuses);
        }
        Assert.Contains(results.SelectMany(r => r.Kit.Log.Lines), l => l.StartsWith("waiting for another build that holds the cache key", StringComparison.Ordinal));
    }
}
