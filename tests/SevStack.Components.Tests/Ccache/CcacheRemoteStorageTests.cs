using SevStack.Components.Ccache;
using SevStack.Engine.Caching.Remote;
using SevStack.Toolkit.Processes;
using SevStack.Testing;

namespace SevStack.Components.Tests.Ccache;

/// <summary>
/// Debian's ccache with its remote storage on nginx (WebDAV PUT, a bearer token required): a C file compiled in one
/// checkout is a remote hit in another checkout, at another path, with an empty local ccache folder.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class CcacheRemoteStorageTests : IDisposable
{
    const string Token = "cc-t0ken|with space";
    readonly NginxCacheServer server = NginxCacheServer.Start(requiredAuthorization: "Bearer " + Token);
    readonly TempDirectory temp = new("sevstack-ccache");
    readonly MemoryBuildLog log = new();

    public void Dispose()
    {
        temp.Dispose();
        server.Dispose();
    }

    RemoteCacheSettings Remote(bool readOnly = false) => RemoteCacheSettings.Parse(server.Url.AbsoluteUri, "Authorization: Bearer " + Token, readOnly, null);

    string Checkout(string name)
    {
        temp.WriteFile($"{name}/src/greeting.h", "#define GREETING \"hello\"\n");
        temp.WriteFile($"{name}/src/hello.c", "#include <stdio.h>\n#include \"greeting.h\"\nint main(void) { puts(GREETING \" from \" __FILE__); return 0; }\n");
        Directory.CreateDirectory(temp.Combine(name, "obj"));
        return temp.Combine(name);
    }

    /// <summary>
    /// Compiles the checkout's hello.c by absolute paths from the checkout, as the component builds do (with
    /// <paramref name="dependencies"/>, writing obj/hello.d as meson's -MD does, so ccache is in depend mode); returns ccache's counters.
    /// </summary>
    async Task<CcacheStatistics> CompileAsync(string checkout, CompilerCache cache, bool dependencies = false)
    {
        var runner = new CliWrapCommandRunner(log, Privilege.Detect());
        string[] depfile = dependencies ? ["-MD", "-MF", Path.Combine(checkout, "obj", "hello.d")] : [];
        await runner.RunAsync(new CommandSpec("ccache", ["gcc", "-O2", "-g", .. depfile, "-c", Path.Combine(checkout, "src", "hello.c"), "-o", Path.Combine(checkout, "obj", "hello.o")])
        {
            WorkingDirectory = checkout,
            Environment = cache.Environment,
        });
        return await CcacheStatistics.ReadAsync(runner, cache);
    }

    [Fact]
    public async Task An_object_compiled_in_one_checkout_is_a_remote_hit_in_another_with_an_empty_local_cache()
    {
        var (first, second) = (Checkout("a"), Checkout("b"));

        var cold = await CompileAsync(first, new CompilerCache(temp.Combine("ccache-a"), first) { Remote = Remote() });
        var warm = await CompileAsync(second, new CompilerCache(temp.Combine("ccache-b"), second) { Remote = Remote() });

        Assert.Equal(new CcacheStatistics(Hits: 0, Misses: 1), cold);
        Assert.Equal(new CcacheStatistics(Hits: 1, Misses: 0, RemoteHits: 1), warm);
        Assert.Equal("ccache 100% hits (1/1, 1 from remote storage)", warm.Describe());
        Assert.Equal(File.ReadAllBytes(Path.Combine(first, "obj", "hello.o")), File.ReadAllBytes(Path.Combine(second, "obj", "hello.o")));
        Assert.NotEmpty(server.StoredFiles("ac"));
        Assert.DoesNotContain(server.Requests(), r => r.EndsWith(" 401", StringComparison.Ordinal));
    }

    [Fact]
    public async Task In_depend_mode_an_object_and_its_dependency_file_are_a_remote_hit_in_another_checkout()
    {
        var (first, second) = (Checkout("a"), Checkout("b"));

        await CompileAsync(first, new CompilerCache(temp.Combine("ccache-a"), first) { Remote = Remote() }, dependencies: true);
        var warm = await CompileAsync(second, new CompilerCache(temp.Combine("ccache-b"), second) { Remote = Remote() }, dependencies: true);

        Assert.Equal(new CcacheStatistics(Hits: 1, Misses: 0, RemoteHits: 1), warm);
        Assert.Equal(File.ReadAllBytes(Path.Combine(first, "obj", "hello.o")), File.ReadAllBytes(Path.Combine(second, "obj", "hello.o")));
        // The restored dependency file names the second checkout's files (relative to it), never the first one's.
        var depfile = File.ReadAllText(Path.Combine(second, "obj", "hello.d"));
        Assert.Contains("src/greeting.h", depfile);
        Assert.DoesNotContain(first, depfile);
    }

    [Fact]
    public async Task Without_the_checkout_as_base_directory_another_checkout_misses()
    {
        var (first, second) = (Checkout("a"), Checkout("b"));

        await CompileAsync(first, new CompilerCache(temp.Combine("ccache-a"), temp.Combine("elsewhere")) { Remote = Remote() });
        var other = await CompileAsync(second, new CompilerCache(temp.Combine("ccache-b"), temp.Combine("elsewhere")) { Remote = Remote() });

        Assert.Equal(new CcacheStatistics(Hits: 0, Misses: 1), other);
    }

    [Fact]
    public async Task Read_only_storage_is_read_but_never_written()
    {
        var checkout = Checkout("a");

        var result = await CompileAsync(checkout, new CompilerCache(temp.Combine("ccache-a"), checkout) { Remote = Remote(readOnly: true) });

        Assert.Equal(new CcacheStatistics(Hits: 0, Misses: 1), result);
        Assert.Contains(server.Requests(), r => r.StartsWith("GET /ac/", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Requests(), r => r.StartsWith("PUT ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_logged_command_holds_the_token_only_in_forms_the_engine_masks()
    {
        var checkout = Checkout("a");
        var remote = Remote();

        await CompileAsync(checkout, new CompilerCache(temp.Combine("ccache-a"), checkout) { Remote = remote });

        var commands = log.Lines.Where(l => l.Contains("CCACHE_REMOTE_STORAGE=", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, commands.Count);
        Assert.All(commands, command =>
        {
            Assert.Contains("bearer-token=cc-t0ken", command);
            var masked = remote.Secrets.Aggregate(command, (text, secret) => text.Replace(secret, "****", StringComparison.Ordinal));
            Assert.DoesNotContain("cc-t0ken", masked);
            Assert.Contains("bearer-token=****", masked);
        });
    }

    [Theory]
    [InlineData("https://cache.example/", null, "ccache's http backend speaks plain http only, not https")]
    [InlineData("http://cache.example/", "X-Api-Key: k", "ccache can send a bearer token or Basic credentials, not a X-Api-Key header")]
    public void A_server_ccache_cannot_reach_gives_no_remote_storage_and_says_why(string url, string? header, string reason)
    {
        var cache = new CompilerCache(temp.Combine("ccache"), temp.Path) { Remote = RemoteCacheSettings.Parse(url, header, readOnly: false, null) };

        Assert.Equal(reason, cache.RemoteStorage!.UnusableReason);
        Assert.False(cache.Environment.ContainsKey("CCACHE_REMOTE_STORAGE"));
    }

    [Fact]
    public void Basic_credentials_go_into_the_url_and_read_only_into_an_attribute()
    {
        var remote = RemoteCacheSettings.Parse("http://builder:pa55@cache.example:8080/team/", null, readOnly: true, null);

        Assert.Equal("http://builder:pa55@cache.example:8080/team/|layout=bazel|connect-timeout=1000|read-only=true", CcacheRemoteStorage.For(remote).Value);
        Assert.Equal("http://cache.example:8080/team/", remote.Url.AbsoluteUri);
    }
}
