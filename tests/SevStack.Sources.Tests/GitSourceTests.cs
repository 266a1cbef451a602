using SevStack.Engine;
using SevStack.Sources.Git;
using static SevStack.Sources.Tests.TestTools;

namespace SevStack.Sources.Tests;

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
    public async Task Local_changes_are_never_overwritten_unless_asked()
    {
        using var fixture = await GitFixture.CreateAsync();
        var first = await fixture.FetchAsync($"git+{fixture.UpstreamUrl}#v1");
        File.WriteAllText(Path.Combine(first.Path, "README"), "my edit\n");

        var error = await Assert.ThrowsAsync<BuildException>(() => fixture.FetchAsync($"git+{fixture.UpstreamUrl}#v2", new FetchOptions { UpdateLock = true }));
        Assert.Contains("uncommitted changes", error.Message);
        Assert.Equal("my edit\n", File.ReadAllText(Path.Combine(first.Path, "README")));

        var second = await fixture.FetchAsync($"git+{fixture.UpstreamUrl}#v2", new FetchOptions { UpdateLock = true, DiscardLocalChanges = true });
        Assert.Equal("one\ntwo\nthree\n", File.ReadAllText(Path.Combine(second.Path, "README")));
    }

    [Fact]
    public async Task Same_commit_but_edited_tree_is_refused_instead_of_reused()
    {
        using var fixture = await GitFixture.CreateAsync();
        var first = await fixture.FetchAsync($"git+{fixture.UpstreamUrl}#v2");
        File.AppendAllText(Path.Combine(first.Path, "Makefile"), "# local\n");

        var error = await Assert.ThrowsAsync<BuildException>(() => fixture.FetchAsync($"git+{fixture.UpstreamUrl}#v2"));
        Assert.Contains(first.Path, error.Message);
    }

    [Fact]
    public async Task A_changed_url_replaces_the_clean_work_tree()
    {
        using var fixture = await GitFixture.CreateAsync();
        await fixture.FetchAsync($"git+{fixture.UpstreamUrl}#v2");
        var other = await NewRepository(fixture.Temp.Combine("fork"));
        var forkCommit = await Commit(other, "FORK", "fork\n", "fork");

        var fetched = await fixture.FetchAsync($"git+{FileUrl(other)}#main");

        Assert.Equal(forkCommit, fetched.Identity.Resolved);
        Assert.True(File.Exists(Path.Combine(fetched.Path, "FORK")));
        Assert.False(File.Exists(Path.Combine(fetched.Path, "README")));
        Assert.Equal(forkCommit, await RunGit(fetched.Path, "rev-parse", "HEAD"));
    }

    [Fact]
    public async Task A_folder_not_made_by_SevStack_is_left_alone()
    {
        using var fixture = await GitFixture.CreateAsync();
        var mine = fixture.Temp.WriteFile("work/qemu/precious.txt", "keep me");

        var error = await Assert.ThrowsAsync<BuildException>(() => fixture.FetchAsync($"git+{fixture.UpstreamUrl}#v1"));

        Assert.Contains("not a work tree SevStack checked out", error.Message);
        Assert.Equal("keep me", File.ReadAllText(mine));
    }

    [Fact]
    public async Task Work_tree_commands_never_escape_into_an_enclosing_repository()
    {
        using var fixture = await GitFixture.CreateAsync();
        var fetched = await fixture.FetchAsync($"git+{fixture.UpstreamUrl}#v1");
        // Simulate the originals' failure: the checkout folder lost its .git, while an enclosing repository exists.
        await NewRepository(fixture.Temp.Combine("work"));
        File.Delete(Path.Combine(fetched.Path, ".git"));

        await Assert.ThrowsAsync<BuildException>(() => fixture.FetchAsync($"git+{fixture.UpstreamUrl}#v2", new FetchOptions { UpdateLock = true }));
        Assert.Equal("", await RunGit(fixture.Temp.Combine("work"), "status", "--porcelain", "--untracked-files=no"));
    }

    [Fact]
    public async Task Submodules_are_checked_out_at_their_recorded_commit()
    {
        using var fixture = await GitFixture.CreateAsync();
        var library = await NewRepository(fixture.Temp.Combine("openssl"));
        var pinned = await Commit(library, "crypto.c", "int v1;\n", "lib one");
        await Commit(library, "crypto.c", "int v2;\n", "lib two");
        await RunGit(fixture.Upstream, "submodule", "--quiet", "add", FileUrl(library), "CryptoPkg/openssl");
        await RunGit(Path.Combine(fixture.Upstream, "CryptoPkg/openssl"), "checkout", "--quiet", pinned);
        await RunGit(fixture.Upstream, "add", "--all");
        await RunGit(fixture.Upstream, "commit", "--quiet", "-m", "add submodule");
        await RunGit(fixture.Upstream, "tag", "with-submodule");

        var fetched = await fixture.FetchAsync($"git+{fixture.UpstreamUrl}#with-submodule", component: "ovmf");

        Assert.Equal("int v1;\n", File.ReadAllText(Path.Combine(fetched.Path, "CryptoPkg/openssl/crypto.c")));
        Assert.Equal(pinned, await RunGit(Path.Combine(fetched.Path, "CryptoPkg/openssl"), "rev-parse", "HEAD"));
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
