using SevStack.Toolkit;
using SevStack.Toolkit.Processes;
using SevStack.Sources.GitHub;
using SevStack.Testing;

namespace SevStack.Sources.Tests;

/// <summary>The resolver against a fake GitHub Enterprise API on 127.0.0.1 (a host other than api.github.com serves it under api/v3/).</summary>
public sealed class GitHubRefResolverTests : IDisposable
{
    const string Sha = "0123456789abcdef0123456789abcdef01234567";
    readonly LocalHttpServer api = new();
    readonly HttpClient http = new();
    readonly MemoryBuildLog log = new();

    static LocalHttpResponse CommitJson() => LocalHttpResponse.Json(200, $$$"""{"sha":"{{{Sha}}}","node_id":"C_1","commit":{"message":"x"}}""");

    GitHubRefResolver Resolver(string? token = null) => new(new GitHubOptions("github.example", api.BaseUri, token), http, log);

    [Fact]
    public async Task Resolves_a_ref_to_a_sha()
    {
        api.Map("/api/v3/repos/AMDESE/linux/commits/sev", _ => CommitJson());

        var sha = await Resolver("secret-token").ResolveAsync("https://github.example/AMDESE/linux.git", "sev");

        Assert.Equal(Sha, sha);
        var request = Assert.Single(api.Requests);
        Assert.Equal("token secret-token", request.Header("Authorization"), ignoreCase: true);
        Assert.Contains($"GitHub API: GET {api.Url("/api/v3/repos/AMDESE/linux/commits/sev")}", log.Lines);
    }

    [Fact]
    public async Task Asks_for_the_bare_sha_and_reads_it()
    {
        api.Map("/api/v3/repos/tianocore/edk2/commits/edk2-stable202502", request =>
            request.Header("Accept") == "application/vnd.github.sha" ? LocalHttpResponse.Text(200, Sha, "application/vnd.github.sha") : CommitJson() with { Status = 406 });

        Assert.Equal(Sha, await Resolver().ResolveAsync("https://github.example/tianocore/edk2.git", "edk2-stable202502"));
    }

    [Fact]
    public async Task A_commit_document_with_nothing_but_the_sha_is_enough()
    {
        api.Map("/api/v3/repos/qemu/qemu/commits/v9.2.0", _ => LocalHttpResponse.Json(200, $$"""{"sha":"{{Sha}}"}"""));

        Assert.Equal(Sha, await Resolver().ResolveAsync("https://github.example/qemu/qemu.git", "v9.2.0"));
    }

    [Fact]
    public async Task A_document_without_a_sha_is_one_line_naming_the_API()
    {
        api.Map("/api/v3/repos/qemu/qemu/commits/v9.2.0", _ => LocalHttpResponse.Json(200, """{"node_id":"C_1"}"""));

        var error = await Assert.ThrowsAsync<BuildException>(() => Resolver().ResolveAsync("https://github.example/qemu/qemu.git", "v9.2.0"));

        Assert.StartsWith($"GitHub API {api.Url("/api/v3/repos/qemu/qemu/commits/v9.2.0")} answered with a document SevStack cannot read (", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task A_ref_with_slashes_keeps_them_and_escapes_the_rest()
    {
        api.Map("/api/v3/repos/AMDESE/linux/commits/heads/snp host+v2", _ => CommitJson());

        Assert.Equal(Sha, await Resolver().ResolveAsync("https://github.example/AMDESE/linux.git", "heads/snp host+v2"));
        Assert.Contains("/commits/heads/snp%20host%2Bv2 ", log.Lines.Single() + " ");
    }

    [Fact]
    public async Task Works_without_a_token()
    {
        api.Map("/api/v3/repos/tianocore/edk2/commits/edk2-stable201808", _ => CommitJson());

        Assert.Equal(Sha, await Resolver().ResolveAsync("https://github.example/tianocore/edk2", "edk2-stable201808"));
        Assert.Null(Assert.Single(api.Requests).Header("Authorization"));
    }

    [Fact]
    public async Task Not_found_is_explained_in_one_line()
    {
        api.Map("/api/v3/repos/AMDESE/runtime/commits/master", _ => LocalHttpResponse.Json(404, """{"message":"Not Found","documentation_url":"https://docs.github.com/rest"}"""));

        var error = await Assert.ThrowsAsync<BuildException>(() => Resolver().ResolveAsync("https://github.example/AMDESE/runtime.git", "master"));

        Assert.Contains("AMDESE/runtime", error.Message);
        Assert.Contains("'master'", error.Message);
        Assert.Contains("GITHUB_TOKEN", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task A_ref_that_is_no_commit_carries_GitHubs_reason()
    {
        api.Map("/api/v3/repos/AMDESE/linux/commits/nope", _ => LocalHttpResponse.Json(422, """{"message":"No commit found for SHA: nope","documentation_url":"https://docs.github.com/rest"}"""));

        var error = await Assert.ThrowsAsync<BuildException>(() => Resolver().ResolveAsync("https://github.example/AMDESE/linux.git", "nope"));

        Assert.Equal("GitHub cannot resolve 'nope' in AMDESE/linux: No commit found for SHA: nope; check the ref", error.Message);
    }

    [Fact]
    public async Task Rate_limit_is_explained_in_one_line()
    {
        var reset = DateTimeOffset.UtcNow.AddMinutes(17).ToUnixTimeSeconds();
        api.Map("/api/v3/repos/torvalds/linux/commits/v4.17", _ => LocalHttpResponse.Json(403,
            """{"message":"API rate limit exceeded for 127.0.0.1. (But here's the good news: Authenticated requests get a higher rate limit.)","documentation_url":"https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting"}""")
            with
            {
                Headers = new Dictionary<string, string>
                {
                    ["Content-Type"] = "application/json",
                    ["X-RateLimit-Limit"] = "60",
                    ["X-RateLimit-Remaining"] = "0",
                    ["X-RateLimit-Reset"] = reset.ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
            });

        var error = await Assert.ThrowsAsync<BuildException>(() => Resolver().ResolveAsync("https://github.example/torvalds/linux.git", "v4.17"));

        Assert.Contains("rate limit", error.Message);
        Assert.Contains("60", error.Message);
        Assert.Contains(DateTimeOffset.FromUnixTimeSeconds(reset).UtcDateTime.ToString("HH:mm"), error.Message);
        Assert.Contains("GITHUB_TOKEN", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task An_unreachable_API_is_one_line_naming_the_address()
    {
        var stopped = new LocalHttpServer();
        var closed = stopped.BaseUri;
        stopped.Dispose();
        var resolver = new GitHubRefResolver(new GitHubOptions("github.example", closed, null), http, log);

        var error = await Assert.ThrowsAsync<BuildException>(() => resolver.ResolveAsync("https://github.example/qemu/qemu.git", "v9.2.0"));

        Assert.StartsWith($"could not reach {closed}api/v3/repos/qemu/qemu/commits/v9.2.0 (", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Only_repositories_on_the_configured_host_are_handled()
    {
        Assert.True(Resolver().Handles("https://github.example/owner/repo.git"));
        Assert.False(Resolver().Handles("https://gitlab.com/qemu-project/qemu.git"));
        Assert.False(Resolver().Handles("file:///srv/repo"));
    }

    [Theory]
    [InlineData("https://api.github.com/", "https://api.github.com/")]
    [InlineData("https://api.github.com", "https://api.github.com/")]
    [InlineData("https://ghe.example.org/", "https://ghe.example.org/api/v3/")]
    [InlineData("https://ghe.example.org/api/v3", "https://ghe.example.org/api/v3/")]
    public void The_API_root_is_the_base_on_github_com_and_api_v3_elsewhere(string apiBase, string root) =>
        Assert.Equal(new Uri(root), GitHubApi.RootOf(new Uri(apiBase)));

    public void Dispose()
    {
        api.Dispose();
        http.Dispose();
    }
}
