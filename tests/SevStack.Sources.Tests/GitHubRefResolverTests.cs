using SevStack.Engine;
using SevStack.Sources.GitHub;
using SevStack.Testing;

namespace SevStack.Sources.Tests;

/// <summary>Octokit against a fake GitHub Enterprise API on 127.0.0.1 (Octokit adds api/v3/ to non-github.com hosts).</summary>
public sealed class GitHubRefResolverTests : IDisposable
{
    const string Sha = "0123456789abcdef0123456789abcdef01234567";
    readonly LocalHttpServer api = new();

    static LocalHttpResponse CommitJson() => LocalHttpResponse.Json(200, $$$"""{"sha":"{{{Sha}}}","node_id":"C_1","commit":{"message":"x"}}""");

    GitHubRefResolver Resolver(string? token = null) => new(new GitHubOptions("github.example", api.BaseUri, token));

    [Fact]
    public async Task Resolves_a_ref_to_a_sha()
    {
        api.Map("/api/v3/repos/AMDESE/linux/commits/sev", _ => CommitJson());

        var sha = await Resolver("secret-token").ResolveAsync("https://github.example/AMDESE/linux.git", "sev");

        Assert.Equal(Sha, sha);
        var request = Assert.Single(api.Requests);
        Assert.Equal("token secret-token", request.Header("Authorization"), ignoreCase: true);
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
    public void Only_repositories_on_the_configured_host_are_handled()
    {
        Assert.True(Resolver().Handles("https://github.example/owner/repo.git"));
        Assert.False(Resolver().Handles("https://gitlab.com/qemu-project/qemu.git"));
        Assert.False(Resolver().Handles("file:///srv/repo"));
    }

    public void Dispose() => api.Dispose();
}
