using SevStack.Toolkit;
using SevStack.Sources.Git;
using static SevStack.Sources.Tests.TestTools;

namespace SevStack.Sources.Tests;

/// <summary>What happens to existing work trees: local changes, other URLs, foreign folders, submodules.</summary>
public class GitWorkTreeTests
{
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
}
