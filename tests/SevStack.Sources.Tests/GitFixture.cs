using SevStack.Engine.Processes;
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

    public static async Task<GitFixture> CreateAsync()
    {
        var fixture = new GitFixture();
        await NewRepository(fixture.Upstream);
        fixture.V1 = await Commit(fixture.Upstream, "README", "one\n", "first");
        await RunGit(fixture.Upstream, "tag", "-a", "v1", "-m", "release 1");
        await Commit(fixture.Upstream, "Makefile", "all:\n\techo two\n", "second");
        fixture.V2 = await Commit(fixture.Upstream, "README", "one\ntwo\nthree\n", "third");
        await RunGit(fixture.Upstream, "tag", "v2");
        return fixture;
    }

    public SourceFetcher Fetcher() => new(Runner(Log), Log, new HttpClient());

    public Task<FetchedSource> FetchAsync(string spec, FetchOptions? options = null, string component = "qemu") =>
        Fetcher().FetchAsync(component, spec, Layout, SourceLock.Load(LockPath), options ?? new FetchOptions());

    public void Dispose() => Temp.Dispose();
}
