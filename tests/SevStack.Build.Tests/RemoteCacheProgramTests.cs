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

    /// <summary>
    /// A fresh machine: its dpkg has none of the build packages (nor gcc, nasm, python3 that work), its apt offers the
    /// versions the first repository's machine has installed, and an apt-get install fails. BuildOvmf's key comes from
    /// those packages' versions, so it is a remote hit before anything is installed or fetched.
    /// </summary>
    [Fact]
    public async Task A_machine_without_the_build_packages_restores_from_the_remote_without_installing_or_fetching()
    {
        var header = new Dictionary<string, string> { ["SEVSTACK_CACHE_HEADER"] = "Authorization: Bearer " + Token };
        var built = await BuildProgram.RunIsolated(first, header, native: true, Arguments(firstCache));
        Assert.True(built.Exit == 0, built.Output);
        File.Copy(first.Combine("sevstack.lock.json"), second.Combine("sevstack.lock.json"));
        using var bin = new TempDirectory("sevstack-fresh-machine");
        var installs = bin.Combine("apt-get.calls");
        Executable(bin, "dpkg-query", "for p in \"$@\"; do case \"$p\" in -*) ;; *) echo \"dpkg-query: no packages found matching $p\" >&2 ;; esac; done\nexit 1\n");
        Executable(bin, "apt-cache", "if [ \"$1\" = show ]; then shift 2\n" +
            "  exec /usr/bin/dpkg-query -W -f='Package: ${Package}\\nVersion: ${Version}\\nDepends: ${Depends}\\n\\n' \"$@\"\nfi\nexec /usr/bin/apt-cache \"$@\"\n");
        Executable(bin, "apt-get", $"echo \"$*\" >> '{installs}'\necho 'fixture: this machine installs nothing' >&2\nexit 100\n");
        foreach (var tool in new[] { "gcc", "nasm", "python3", "make", "git" })
            Executable(bin, tool, $"echo '{tool}: not installed' >&2\nexit 127\n");
        var fresh = new Dictionary<string, string>(header) { ["PATH"] = $"{bin.Path}:{Environment.GetEnvironmentVariable("PATH")}" };

        var restored = await BuildProgram.RunIsolated(second, fresh, native: true,
            "BuildOvmf", "--allow-old-edk2", "--ovmf-source", $"git+file://{sources.Combine("edk2")}#main",
            "--cache-dir", secondCache.Path, "--cache-url", server.Url.AbsoluteUri, "--no-color");

        Assert.True(restored.Exit == 0, restored.Output);
        Assert.Matches(@"BuildOvmf\s+.*Cached\s+.*cache hit [0-9a-f]{8} from the remote cache", SummaryRows.Row(restored.Output, "BuildOvmf"));
        foreach (var target in new[] { "InstallBuildDeps", "FetchOvmf" })
            Assert.Matches($@"^\s*{target}\s+Skipped\s+// not needed", SummaryRows.Row(restored.Output, target));
        Assert.Contains("(not installed: apt's candidate)", restored.Output, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^(\[\w+\] )?\$ (apt-get|gcc|nasm|python3|make|git) ", restored.Output);
        Assert.False(File.Exists(installs), "apt-get ran");
        Assert.Equal(File.ReadAllText(first.Combine("artifacts", "work", "out", "BuildOvmf", "result.json")),
            File.ReadAllText(second.Combine("artifacts", "work", "out", "BuildOvmf", "result.json")));
    }

    static void Executable(TempDirectory folder, string name, string body) =>
        File.SetUnixFileMode(folder.WriteFile(name, "#!/bin/sh\n" + body), (UnixFileMode)0b111_101_101);

    public void Dispose()
    {
        foreach (var folder in new[] { first, second, firstCache, secondCache, sources })
            folder.Dispose();
        server.Dispose();
    }
}
