using SevStack.Toolkit;
using SevStack.Sources.Git;
using static SevStack.Sources.Tests.TestTools;

namespace SevStack.Sources.Tests;

/// <summary>Resolving, fetching, re-running and locking git sources.</summary>
public class GitSourceTests
{
    [Fact]
    public async Task Fetches_an_annotated_tag_as_a_single_shallow_commit()
    {
        using var fixture = await GitFixture.CreateAsync();

        var fetched = await fixture.FetchAsync($"git+{fixture.UpstreamUrl}#v1");

        Assert.Equal(fixture.V1, fetched.Identity.Resolved);
        Assert.Equal("one\n", File.ReadAllText(Path.Combine(fetched.Path, "README")));
        Assert.False(File.Exists(Path.Combine(fetched.Path, "Makefile")));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), fetched.Identity.SourceDate);
        var mirror = new GitMirror(Runner(), fixture.Log, fixture.Layout.CacheDirectory, fixture.UpstreamUrl);
        Assert.Equal("1", await RunGit(mirror.Path, "rev-list", "--all", "--count"));
        Assert.True(File.Exists(Path.Combine(mirror.Path, "shallow")));
    }

    [Fact]
    public async Task Rerun_with_the_same_commit_fetches_and_checks_out_nothing()
    {
        using var fixture = await GitFixture.CreateAsync();
        await fixture.FetchAsync($"git+{fixture.UpstreamUrl}#v2");
        var before = fixture.Log.Lines.Count;

        var again = await fixture.FetchAsync($"git+{fixture.UpstreamUrl}#v2");

        var rerun = fixture.Log.Lines.Skip(before).ToList();
        Assert.Equal(fixture.V2, again.Identity.Resolved);
        Assert.DoesNotContain(rerun, l => l.Contains(" fetch ", StringComparison.Ordinal));
        Assert.DoesNotContain(rerun, l => l.Contains(" checkout ", StringComparison.Ordinal) || l.Contains("worktree add", StringComparison.Ordinal));
        Assert.Contains(rerun, l => l.Contains("already at", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_moved_branch_is_a_lock_mismatch_until_the_lock_is_updated()
    {
        using var fixture = await GitFixture.CreateAsync();
        var spec = $"git+{fixture.UpstreamUrl}#main";
        await fixture.FetchAsync(spec);
        var v3 = await Commit(fixture.Upstream, "NEWS", "three\n", "fourth");

        var error = await Assert.ThrowsAsync<BuildException>(() => fixture.FetchAsync(spec));
        Assert.Contains(fixture.V2, error.Message);
        Assert.Contains(v3, error.Message);
        Assert.Contains("--update-lock", error.Message);

        var updated = await fixture.FetchAsync(spec, new FetchOptions { UpdateLock = true });
        Assert.Equal(v3, updated.Identity.Resolved);
        Assert.True(File.Exists(Path.Combine(updated.Path, "NEWS")));
        Assert.Contains(v3, File.ReadAllText(fixture.LockPath));
        // The mirror grew by the new commit only, and stays shallow.
        var mirror = new GitMirror(Runner(), fixture.Log, fixture.Layout.CacheDirectory, fixture.UpstreamUrl);
        Assert.Equal("2", await RunGit(mirror.Path, "rev-list", "--all", "--count"));
    }

    [Fact]
    public async Task Two_components_from_one_repository_fetch_in_parallel_through_one_mirror()
    {
        using var fixture = await GitFixture.CreateAsync();
        var sourceLock = Locking.SourceLock.Load(fixture.LockPath);
        var fetcher = fixture.Fetcher();

        var both = await Task.WhenAll(
            fetcher.FetchAsync("kernel", $"git+{fixture.UpstreamUrl}#v2", fixture.Layout, sourceLock, new FetchOptions()),
            fetcher.FetchAsync("guest-kernel", $"git+{fixture.UpstreamUrl}#v1", fixture.Layout, sourceLock, new FetchOptions()));

        Assert.Equal([fixture.V2, fixture.V1], both.Select(f => f.Identity.Resolved));
        Assert.Equal("one\n", File.ReadAllText(Path.Combine(both[1].Path, "README")));
        Assert.Single(Directory.GetDirectories(Path.Combine(fixture.Layout.CacheDirectory, "git")));
        Assert.Equal(2, Locking.SourceLock.Load(fixture.LockPath).Entries.Count);
    }

    [Fact]
    public async Task Unknown_ref_is_one_clear_error()
    {
        using var fixture = await GitFixture.CreateAsync();
        var error = await Assert.ThrowsAsync<BuildException>(() => fixture.FetchAsync($"git+{fixture.UpstreamUrl}#v9"));
        Assert.Contains("no tag or branch named 'v9'", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
