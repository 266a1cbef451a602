using SevStack.Toolkit;
using SevStack.Engine.Caching;
using SevStack.Sources.Identity;
using SevStack.Sources.Locking;
using SevStack.Testing;

namespace SevStack.Sources.Tests;

public class TarballSourceTests
{
    const string Patch = """
        --- a/VERSION
        +++ b/VERSION
        @@ -1 +1 @@
        -9.1.0
        +9.1.0-sev

        """;

    [Fact]
    public async Task Pinned_https_tarball_is_downloaded_extracted_patched_locked_and_reused()
    {
        using var fixture = await GitFixture.CreateAsync();
        using var server = new LocalHttpServer();
        var archive = await new TarballBuilder().File("qemu-9.1.0/VERSION", "9.1.0\n").File("qemu-9.1.0/configure", "#!/bin/sh\n")
            .WriteAsync(fixture.Temp.Combine("qemu-9.1.0.tar.xz"));
        var bytes = File.ReadAllBytes(archive);
        var sha = FileHashes.Sha256(bytes);
        server.MapFile("/qemu/qemu-9.1.0.tar.xz", bytes);
        fixture.Temp.WriteFile("patches/qemu/series", "0001-version.patch\n");
        fixture.Temp.WriteFile("patches/qemu/0001-version.patch", Patch);
        using var http = new HttpClient(new RedirectToLocalServer(server.BaseUri));
        var fetcher = new SourceFetcher(TestTools.Runner(fixture.Log), fixture.Log, http);
        var spec = $"https://download.example/qemu/qemu-9.1.0.tar.xz#sha256={sha}";

        var fetched = await fetcher.FetchAsync("qemu", spec, fixture.Layout, SourceLock.Load(fixture.LockPath), new FetchOptions());

        Assert.Equal("9.1.0-sev\n", File.ReadAllText(Path.Combine(fetched.Path, "VERSION")));
        Assert.Equal(fixture.Layout.WorkTree("qemu"), fetched.Path);
        Assert.Equal(sha, fetched.Identity.Resolved);
        Assert.Equal("https://download.example/qemu/qemu-9.1.0.tar.xz", fetched.Identity.Url);
        Assert.Equal("0001-version.patch", Assert.Single(fetched.Identity.Patches).Name);
        Assert.Contains(sha, File.ReadAllText(fixture.LockPath));

        var before = fixture.Log.Lines.Count;
        var again = await fetcher.FetchAsync("qemu", spec, fixture.Layout, SourceLock.Load(fixture.LockPath), new FetchOptions());
        Assert.Equal(fetched.Identity, again.Identity);
        Assert.Contains(fixture.Log.Lines.Skip(before), l => l.Contains("already extracted", StringComparison.Ordinal));
        Assert.Single(server.RequestsFor("/qemu/qemu-9.1.0.tar.xz"));
    }

    [Fact]
    public async Task Unpinned_https_tarball_needs_allow_unpinned_and_is_then_locked()
    {
        using var fixture = await GitFixture.CreateAsync();
        using var server = new LocalHttpServer();
        var bytes = File.ReadAllBytes(await new TarballBuilder().File("kata/VERSION", "3.2\n").WriteAsync(fixture.Temp.Combine("kata.tar.zst")));
        server.MapFile("/kata.tar.zst", bytes);
        using var http = new HttpClient(new RedirectToLocalServer(server.BaseUri));
        var fetcher = new SourceFetcher(TestTools.Runner(fixture.Log), fixture.Log, http);
        const string spec = "https://download.example/kata.tar.zst";

        var error = await Assert.ThrowsAsync<BuildException>(() => fetcher.FetchAsync("kata", spec, fixture.Layout, SourceLock.Load(fixture.LockPath), new FetchOptions()));
        Assert.Contains("--allow-unpinned", error.Message);

        var fetched = await fetcher.FetchAsync("kata", spec, fixture.Layout, SourceLock.Load(fixture.LockPath), new FetchOptions { AllowUnpinned = true });
        Assert.Equal(FileHashes.Sha256(bytes), fetched.Identity.Resolved);
        Assert.Equal(FileHashes.Sha256(bytes), SourceLock.Load(fixture.LockPath).Find("debian", "kata")!.Resolved);
    }

    [Fact]
    public async Task Local_tarball_with_a_pin_is_extracted_and_reused()
    {
        using var fixture = await GitFixture.CreateAsync();
        var archive = await new TarballBuilder().File("qemu-9.1.0/VERSION", "9.1.0\n").WriteAsync(fixture.Temp.Combine("qemu-9.1.0.tar.bz2"));
        var sha = FileHashes.Sha256(archive);

        var first = await fixture.FetchAsync($"file://{archive}#sha256={sha}");
        var before = fixture.Log.Lines.Count;
        var again = await fixture.FetchAsync($"file://{archive}#sha256={sha}");

        Assert.Equal("9.1.0\n", File.ReadAllText(Path.Combine(first.Path, "VERSION")));
        Assert.Equal(first.Identity, again.Identity);
        Assert.Equal(1700000000, again.Identity.SourceDateEpoch);
        Assert.Contains(fixture.Log.Lines.Skip(before), l => l.Contains("already extracted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Local_tarball_that_changed_since_locking_is_refused()
    {
        using var fixture = await GitFixture.CreateAsync();
        var archive = await new TarballBuilder().File("linux/Makefile", "VERSION = 6\n").WriteAsync(fixture.Temp.Combine("linux.tar.gz"));
        var first = await fixture.FetchAsync("file://" + archive, component: "kernel");
        await new TarballBuilder().File("linux/Makefile", "VERSION = 7\n").WriteAsync(fixture.Temp.Combine("linux.tar.gz"));

        var error = await Assert.ThrowsAsync<BuildException>(() => fixture.FetchAsync("file://" + archive, component: "kernel"));

        Assert.Contains(first.Identity.Resolved, error.Message);
        Assert.Contains("--update-lock", error.Message);
        var updated = await fixture.FetchAsync("file://" + archive, new FetchOptions { UpdateLock = true }, component: "kernel");
        Assert.Equal("VERSION = 7\n", File.ReadAllText(Path.Combine(updated.Path, "Makefile")));
    }

    [Theory]
    [InlineData("path traversal", "qemu-9.2.0/../../escaped.txt")]
    [InlineData("absolute path", "/tmp/sevstack-escaped.txt")]
    public async Task A_refused_tarball_leaves_the_existing_tree_as_it_was(string _, string hostileEntry)
    {
        using var fixture = await GitFixture.CreateAsync();
        var archive = fixture.Temp.Combine("qemu.tar.gz");
        await new TarballBuilder().File("qemu-9.1.0/VERSION", "9.1.0\n").File("qemu-9.1.0/docs/README", "docs\n").WriteAsync(archive);
        var first = await fixture.FetchAsync("file://" + archive);
        var stamp = File.ReadAllText(WorkTreeStamp.PathFor(first.Path));
        var before = TreeListing(first.Path);
        await new TarballBuilder().File("qemu-9.2.0/VERSION", "9.2.0\n").File(hostileEntry, "evil").WriteAsync(archive);

        var error = await Assert.ThrowsAsync<BuildException>(() => fixture.FetchAsync("file://" + archive, new FetchOptions { UpdateLock = true }));

        Assert.Contains(hostileEntry, error.Message);
        Assert.Equal(before, TreeListing(first.Path));
        Assert.Equal(stamp, File.ReadAllText(WorkTreeStamp.PathFor(first.Path)));
        Assert.Equal([".qemu.source.json", "qemu"], Directory.GetFileSystemEntries(fixture.Layout.WorkDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.False(File.Exists(fixture.Temp.Combine("escaped.txt")));
        Assert.False(File.Exists("/tmp/sevstack-escaped.txt"));
    }

    static List<string> TreeListing(string tree) =>
        Directory.EnumerateFileSystemEntries(tree, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(p => $"{Path.GetRelativePath(tree, p)} {(File.Exists(p) ? File.ReadAllText(p) : "/")}").ToList();
}
