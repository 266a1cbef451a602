using SevStack.Sources.Local;
using SevStack.Testing;
using static SevStack.Sources.Tests.TestTools;

namespace SevStack.Sources.Tests;

public sealed class DirectorySourceTests : IDisposable
{
    readonly TempDirectory temp = new("sevstack-dir");

    [Fact]
    public async Task A_git_folder_is_identified_by_head_and_a_hash_of_uncommitted_changes()
    {
        var repository = await NewRepository(temp.Combine("linux"));
        var head = await Commit(repository, "Makefile", "VERSION = 6\n", "base");
        var source = new DirectorySource(Runner());

        var clean = await source.IdentifyAsync(repository, CancellationToken.None);
        File.WriteAllText(Path.Combine(repository, "Makefile"), "VERSION = 7\n");
        var dirty = await source.IdentifyAsync(repository, CancellationToken.None);
        var dirtyAgain = await source.IdentifyAsync(repository, CancellationToken.None);

        Assert.Equal(head, clean.Resolved);
        Assert.Equal("clean", clean.Version);
        Assert.Equal(head, dirty.Resolved);
        Assert.StartsWith("diff-sha256:", dirty.Version);
        Assert.Equal(dirty.Key(), dirtyAgain.Key());
        Assert.NotEqual(clean.Key(), dirty.Key());
        Assert.Equal(1700000000, clean.SourceDateEpoch);
    }

    [Fact]
    public async Task A_plain_folder_is_identified_by_its_content()
    {
        temp.WriteFile("plain/a/b.c", "int x;\n");
        temp.WriteFile("plain/Makefile", "all:\n");
        var source = new DirectorySource(Runner());

        var first = await source.IdentifyAsync(temp.Combine("plain"), CancellationToken.None);
        File.SetLastWriteTimeUtc(temp.Combine("plain/Makefile"), DateTime.UtcNow.AddDays(-3));
        var touched = await source.IdentifyAsync(temp.Combine("plain"), CancellationToken.None);
        temp.WriteFile("plain/a/b.c", "int y;\n");
        var changed = await source.IdentifyAsync(temp.Combine("plain"), CancellationToken.None);

        Assert.StartsWith("tree-sha256:", first.Resolved);
        Assert.Equal(first.Key(), touched.Key());
        Assert.NotEqual(first.Key(), changed.Key());
    }

    [Fact]
    public async Task Fetching_a_dir_source_returns_the_folder_itself()
    {
        temp.WriteFile("qemu-dev/configure", "#!/bin/sh\n");
        using var fixture = await GitFixture.CreateAsync();

        var fetched = await fixture.FetchAsync("dir:" + temp.Combine("qemu-dev"));

        Assert.Equal(temp.Combine("qemu-dev"), fetched.Path);
        Assert.Equal("dir", fetched.Identity.Kind);
    }

    public void Dispose() => temp.Dispose();
}
