using SevStack.Toolkit.Processes;
using SevStack.Sources.Locking;
using SevStack.Testing;
using static SevStack.Sources.Tests.TestTools;

namespace SevStack.Sources.Tests;

/// <summary>A temp folder with an upstream repository (tags v1, v2, branch main), a cache, a work folder and a lock.</summary>
internal sealed class GitFixture : IDisposable
{
    public TempDirectory Temp { get; } = new("sevstack-git");
    public MemoryBuildLog Log { get; } = new();
    public string Upstream => Temp.Combine("upstream");
    public string UpstreamUrl => FileUrl(Upstream);
    public SourceLayout Layout => new(Temp.Combine("cache"), Temp.Combine("work"), Temp.Combine("patches"));
    public string LockPath => Temp.Combine(SourceLock.FileName);
    public string V1 { get; private set; } = "";
    public string V2 { get; private set; } = "";

    /// <summary>Three commits on main: README (tagged v1, annotated), + Makefile, README changed (tagged v2). One git fast-import keeps it quick.</summary>
    public static async Task<GitFixture> CreateAsync()
    {
        var fixture = new GitFixture();
        await NewRepository(fixture.Upstream);
        const string history = """
            commit refs/heads/main
            mark :1
            committer Test <test@example.invalid> 1700000000 +0000
            data 5
            first
            M 100644 inline README
            data 4
            one

            tag v1
            from :1
            tagger Test <test@example.invalid> 1700000000 +0000
            data 9
            release 1
            commit refs/heads/main
            mark :2
            committer Test <test@example.invalid> 1700000000 +0000
            data 6
            second
            M 100644 inline Makefile
            data 15
            all:
            	echo two

            commit refs/heads/main
            mark :3
            committer Test <test@example.invalid> 1700000000 +0000
            data 5
            third
            M 100644 inline README
            data 14
            one
            two
            three

            reset refs/tags/v2
            from :3

            """;
        await Runner().RunAsync(new CommandSpec("git", "fast-import", "--quiet") { WorkingDirectory = fixture.Upstream, StandardInput = history });
        await RunGit(fixture.Upstream, "reset", "--quiet", "--hard");
        fixture.V1 = await RunGit(fixture.Upstream, "rev-parse", "v1^{commit}");
        fixture.V2 = await RunGit(fixture.Upstream, "rev-parse", "v2");
        return fixture;
    }

    public SourceFetcher Fetcher() => new(Runner(Log), Log, new HttpClient());

    public Task<FetchedSource> FetchAsync(string spec, FetchOptions? options = null, string component = "qemu") =>
        Fetcher().FetchAsync(component, spec, Layout, SourceLock.Load(LockPath), options ?? new FetchOptions());

    public void Dispose() => Temp.Dispose();
}
