using SevStack.Toolkit.Processes;
using SevStack.Sources.Locking;

namespace SevStack.Sources.Tests;

public class DryRunTests
{
    [Fact]
    public async Task A_dry_run_resolves_refs_but_fetches_checks_out_and_locks_nothing()
    {
        using var fixture = await GitFixture.CreateAsync();
        var log = new MemoryBuildLog();
        var runner = new DryRunCommandRunner(log, Privilege.Detect(), TestTools.Runner(log));
        var fetcher = new SourceFetcher(runner, log, new HttpClient());

        var fetched = await fetcher.FetchAsync("qemu", $"git+{fixture.UpstreamUrl}#v2", fixture.Layout, SourceLock.Load(fixture.LockPath), new FetchOptions());

        Assert.Equal(fixture.V2, fetched.Identity.Resolved);
        Assert.False(Directory.Exists(fetched.Path));
        Assert.False(File.Exists(fixture.LockPath));
        Assert.False(Directory.Exists(Path.Combine(fixture.Layout.CacheDirectory, "git")));
        Assert.Contains(log.Lines, l => l.StartsWith("would run: ", StringComparison.Ordinal) && l.Contains(" git --git-dir=", StringComparison.Ordinal) && l.Contains("fetch --depth 1", StringComparison.Ordinal));
        Assert.Contains(log.Lines, l => l.StartsWith("would run: ", StringComparison.Ordinal) && l.Contains("worktree add", StringComparison.Ordinal));
        Assert.False(Directory.Exists(fixture.Layout.WorkDirectory));
    }

    [Fact]
    public async Task A_dry_run_does_not_download_a_tarball()
    {
        using var fixture = await GitFixture.CreateAsync();
        var log = new MemoryBuildLog();
        var runner = new DryRunCommandRunner(log, Privilege.Detect(), TestTools.Runner(log));
        var sha = new string('a', 64);

        var fetched = await new SourceFetcher(runner, log, new HttpClient()).FetchAsync("qemu", $"https://download.invalid/qemu-9.1.0.tar.xz#sha256={sha}",
            fixture.Layout, SourceLock.Load(fixture.LockPath), new FetchOptions());

        Assert.Equal(sha, fetched.Identity.Resolved);
        Assert.Contains(log.Lines, l => l.StartsWith("would download https://download.invalid/qemu-9.1.0.tar.xz", StringComparison.Ordinal));
        Assert.False(Directory.Exists(fixture.Layout.CacheDirectory));
    }
}
