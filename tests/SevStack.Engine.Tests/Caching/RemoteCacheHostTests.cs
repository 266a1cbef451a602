using SevStack.Testing;

namespace SevStack.Engine.Tests.Caching;

/// <summary>The remote cache options through the real host, against nginx that demands one Authorization header.</summary>
public sealed class RemoteCacheHostTests : IDisposable
{
    const string Token = "s3cr3t-T0ken";
    readonly NginxCacheServer server = NginxCacheServer.Start(requiredAuthorization: "Bearer " + Token);
    readonly HostTestKit first = new(), second = new();

    public void Dispose()
    {
        first.Dispose();
        second.Dispose();
        server.Dispose();
    }

    static string[] Args(HostTestKit host, params string[] more) => ["BuildQemu", "--cache-dir", host.Root.Combine("cache"), .. more];

    static string Logs(HostTestKit host) =>
        string.Concat(Directory.GetFiles(host.Root.Combine("artifacts", "logs")).Select(File.ReadAllText));

    [Fact]
    public async Task The_header_reaches_the_server_and_never_a_log()
    {
        var (exit, output, build) = await first.RunAsync<CachedSampleBuild>(Args(first, "--cache-url", server.Url.AbsoluteUri, "--cache-header", "Authorization: Bearer " + Token));
        Assert.Equal(0, exit);
        Assert.Equal(["BuildKernel", "BuildQemu"], build.Ran);
        Assert.Equal(2, server.StoredFiles("ac").Count);

        second.Environment["SEVSTACK_CACHE_URL"] = server.Url.AbsoluteUri;
        second.Environment["SEVSTACK_CACHE_HEADER"] = "Authorization: Bearer " + Token;
        var (secondExit, secondOutput, secondBuild) = await second.RunAsync<CachedSampleBuild>(Args(second, "--verbosity", "verbose"));

        Assert.Equal(0, secondExit);
        Assert.Empty(secondBuild.Ran);
        Assert.Matches(@"BuildQemu\s+Cached\s+.*cache hit [0-9a-f]{8} from the remote cache", SevStack.Testing.SummaryRows.Row(secondOutput, "BuildQemu"));
        Assert.Equal(first.Root.Combine("artifacts", "staging", "qemu", "built") is var built ? File.ReadAllText(built) : "",
            File.ReadAllText(second.Root.Combine("artifacts", "staging", "qemu", "built")));
        Assert.DoesNotContain(Token, output + secondOutput + Logs(first) + Logs(second));
        Assert.DoesNotContain(server.Requests(), r => r.EndsWith(" 401", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_the_header_the_server_refuses_and_the_build_goes_on_with_one_warning()
    {
        var (exit, output, build) = await first.RunAsync<CachedSampleBuild>(Args(first, "--cache-url", server.Url.AbsoluteUri));

        Assert.Equal(0, exit);
        Assert.Equal(["BuildKernel", "BuildQemu"], build.Ran);
        var warning = Assert.Single(Logs(first).Split('\n'), l => l.StartsWith("warning: ", StringComparison.Ordinal));
        Assert.Contains("was answered 401 Unauthorized", warning);
        Assert.Contains(server.Requests(), r => r.EndsWith(" 401", StringComparison.Ordinal));
        Assert.Empty(server.StoredFiles("ac"));
        Assert.Contains("Errors and warnings:", output);
    }

    [Fact]
    public async Task Read_only_from_the_environment_uploads_nothing()
    {
        first.Environment["SEVSTACK_CACHE_READ_ONLY"] = "true";
        var (exit, _, build) = await first.RunAsync<CachedSampleBuild>(Args(first, "--cache-url", server.Url.AbsoluteUri, "--cache-header", "Authorization: Bearer " + Token));

        Assert.Equal(0, exit);
        Assert.Equal(["BuildKernel", "BuildQemu"], build.Ran);
        Assert.Empty(server.StoredFiles("ac"));
        Assert.Empty(server.StoredFiles("cas"));
        Assert.All(server.Requests(), r => Assert.StartsWith("GET /ac/", r));
    }

    [Fact]
    public async Task Parameters_json_sets_the_url_and_read_only_and_the_command_line_wins()
    {
        await first.RunAsync<CachedSampleBuild>(Args(first, "--cache-url", server.Url.AbsoluteUri, "--cache-header", "Authorization: Bearer " + Token));
        second.Root.WriteFile(".nuke/parameters.json", $$"""{ "cacheUrl": "{{server.Url.AbsoluteUri}}", "cacheReadOnly": true, "kernelFlavour": "host" }""");
        second.Environment["SEVSTACK_CACHE_HEADER"] = "Authorization: Bearer " + Token;
        var requestsBefore = server.Requests().Count;

        var (exit, _, build) = await second.RunAsync<CachedSampleBuild>(Args(second, "--qemu-flags=--enable-kvm"));

        Assert.Equal(0, exit);
        Assert.Equal(["BuildQemu"], build.Ran);
        Assert.True(build.Run.RemoteCache!.ReadOnly);
        Assert.Equal(server.Url, build.Run.RemoteCache.Url);
        Assert.DoesNotContain(server.Requests().Skip(requestsBefore), r => r.StartsWith("PUT ", StringComparison.Ordinal));
        Assert.Contains(server.Requests().Skip(requestsBefore), r => r.StartsWith("GET /ac/", StringComparison.Ordinal));

        var (_, _, writer) = await second.RunAsync<CachedSampleBuild>(Args(second, "--qemu-flags=--enable-debug", "--cache-read-only=false"));
        Assert.Equal(["BuildQemu"], writer.Ran);
        Assert.False(writer.Run.RemoteCache!.ReadOnly);
        Assert.Equal(3, server.StoredFiles("ac").Count);
    }

    [Fact]
    public async Task A_parameter_file_value_of_the_wrong_type_is_a_usage_error()
    {
        first.Root.WriteFile(".nuke/parameters.json", """{ "cacheUrl": 8080 }""");

        var (exit, output, _) = await first.RunAsync<CachedSampleBuild>(Args(first));

        Assert.Equal(2, exit);
        Assert.Equal("error: Invalid value for --cache-url (from \"cacheUrl\" in parameters.json): it expects a string", output.TrimEnd());
    }

    [Theory]
    [InlineData("ftp://cache.example/", "Invalid value for --cache-url 'ftp://cache.example/': give the server's http:// or https:// URL")]
    [InlineData("http://cache.example/?bucket=1", "Invalid value for --cache-url 'http://cache.example/?bucket=1': a query or fragment cannot be part of it")]
    [InlineData("http://user:pw@/x", "Invalid value for --cache-url (not shown: it holds user information)")]
    public async Task A_bad_url_is_one_line_and_exit_2_before_anything_runs(string url, string message)
    {
        var (exit, output, build) = await first.RunAsync<CachedSampleBuild>(Args(first, "--cache-url", url));

        Assert.Equal(2, exit);
        Assert.StartsWith("error: " + message, output);
        Assert.Single(output.TrimEnd().Split('\n'));
        Assert.Empty(build.Ran);
    }

    [Theory]
    [InlineData("Bearer " + Token)]
    [InlineData("Author ization: " + Token)]
    [InlineData("Authorization:")]
    public async Task A_bad_header_is_one_line_that_does_not_quote_it(string header)
    {
        var (exit, output, build) = await first.RunAsync<CachedSampleBuild>(Args(first, "--cache-url", server.Url.AbsoluteUri, "--cache-header", header));

        Assert.Equal(2, exit);
        Assert.StartsWith("error: Invalid value for --cache-header (its value is not shown): give one header as 'Name: value'", output);
        Assert.DoesNotContain(Token, output);
        Assert.Empty(build.Ran);
    }
}

/// <summary>Credentials from ~/.netrc, sent as Basic authentication to a server that demands them.</summary>
public sealed class RemoteCacheNetrcTests : IDisposable
{
    readonly NginxCacheServer server = NginxCacheServer.Start(requiredAuthorization: "Basic " + Convert.ToBase64String("builder:pa55w0rd"u8.ToArray()));
    readonly HostTestKit host = new();

    public void Dispose()
    {
        host.Dispose();
        server.Dispose();
    }

    [Fact]
    public async Task The_netrc_entry_of_the_host_authenticates_and_its_password_is_never_logged()
    {
        host.Environment["HOME"] = host.Root.Combine("home");
        host.Root.WriteFile("home/.netrc", "machine other.example login x password y\nmachine 127.0.0.1\n  login builder\n  password pa55w0rd\ndefault login anonymous password z\n");

        var (exit, output, build) = await host.RunAsync<CachedSampleBuild>("BuildKernel", "--cache-dir", host.Root.Combine("cache"), "--cache-url", server.Url.AbsoluteUri);

        Assert.Equal(0, exit);
        Assert.Equal(["BuildKernel"], build.Ran);
        Assert.Single(server.StoredFiles("ac"));
        Assert.DoesNotContain("pa55", output);
    }
}
