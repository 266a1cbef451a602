using SevStack.Testing;

namespace SevStack.Build.Tests;

/// <summary>
/// The remote cache through the real command line (in-process and the native program build.sh makes): BuildOvmf built
/// from the edk2 fixture in one repository with its own cache is restored in another repository, with an empty cache,
/// from Debian's nginx on 127.0.0.1 that demands a bearer token.
/// </summary>
public sealed class RemoteCacheProgramTests : IDisposable
{
    const string Token = "program-t0ken";
    static readonly string Fixtures = Path.Combine(SharedData.RepositoryRoot, "tests", "SevStack.Components.Tests", "fixtures");

    readonly NginxCacheServer server = NginxCacheServer.Start(requiredAuthorization: "Bearer " + Token);
    readonly TempDirectory sources = new("sevstack-fixture-sources");
    readonly TempDirectory first = new("sevstack-repo"), second = new("sevstack-repo");
    readonly TempDirectory firstCache = new("sevstack-cache"), secondCache = new("sevstack-cache");

    public RemoteCacheProgramTests()
    {
        var edk2 = TreeCopy.Copy(Path.Combine(Fixtures, "edk2"), sources.Combine("edk2"));
        GitTree.Run(edk2, "init", "-q", "-b", "main");
        GitTree.Run(edk2, "add", "-A");
        GitTree.Run(edk2, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "fixture", "--date", "2025-05-20T00:00:00Z");
    }

    string[] Arguments(TempDirectory cache) =>
    [
        "BuildOvmf", "--skip", "InstallBuildDeps", "--allow-old-edk2", "--ovmf-source", $"git+file://{sources.Combine("edk2")}#main", "--update-lock",
        "--cache-dir", cache.Path, "--cache-url", server.Url.AbsoluteUri, "--no-color",
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_build_uploaded_by_one_repository_is_restored_in_another_with_an_empty_cache(bool native)
    {
        var header = new Dictionary<string, string> { ["SEVSTACK_CACHE_HEADER"] = "Authorization: Bearer " + Token };

        var built = await BuildProgram.RunIsolated(first, header, native, Arguments(firstCache));
        var restored = await BuildProgram.RunIsolated(second, header, native, Arguments(secondCache));

        Assert.True(built.Exit == 0, built.Output);
        Assert.True(restored.Exit == 0, restored.Output);
        Assert.Matches(@"BuildOvmf\s+.*Succeeded", SummaryRows.Row(built.Output, "BuildOvmf"));
        Assert.Matches(@"BuildOvmf\s+.*Cached\s+.*cache hit [0-9a-f]{8} from the remote cache", SummaryRows.Row(restored.Output, "BuildOvmf"));
        Assert.Equal(File.ReadAllText(first.Combine("artifacts", "work", "out", "BuildOvmf", "result.json")),
            File.ReadAllText(second.Combine("artifacts", "work", "out", "BuildOvmf", "result.json")));
        var logs = string.Concat(Directory.GetFiles(second.Combine("artifacts", "logs")).Select(File.ReadAllText));
        Assert.DoesNotContain(Token, built.Output + restored.Output + logs);
        Assert.DoesNotContain(server.Requests(), r => r.EndsWith(" 401", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        foreach (var folder in new[] { first, second, firstCache, secondCache, sources })
            folder.Dispose();
        server.Dispose();
    }
}
