using SevStack.Testing;

namespace SevStack.Build.Tests;

/// <summary>
/// A <c>git+https://github.com/…</c> source resolved through the GitHub API that <c>--github-api-url</c> names (a server on
/// 127.0.0.1), by the in-process program and by the native one build.sh ships. A dry run resolves the ref and clones nothing.
/// </summary>
public sealed class GitHubSourceTests : IDisposable
{
    const string Sha = "4c7cf2e3bb10d1e4e5bc7b3c4f5a6d3e2f1a0b9c";
    const string Commits = "/api/v3/repos/qemu/qemu/commits";
    readonly LocalHttpServer api = new();
    readonly TempDirectory repository = new("sevstack-repo");
    readonly TempDirectory cache = new("sevstack-cache");

    public void Dispose()
    {
        api.Dispose();
        repository.Dispose();
        cache.Dispose();
    }

    Task<(int Exit, string Output)> FetchQemuDryRun(bool native, string reference) =>
        BuildProgram.RunIsolated(repository, native, "FetchQemu", "--qemu-source", $"git+https://github.com/qemu/qemu.git#{reference}",
            "--github-api-url", api.BaseUri.ToString(), "--cache-dir", cache.Path, "--dry-run");

    /// <summary>GitHub's commit document as api.github.com sends it (abridged): a signature verification and the files changed.</summary>
    const string CommitDocument = $$$"""
        {"sha":"{{{Sha}}}","node_id":"C_kwDOAKJ2","url":"https://api.github.com/repos/qemu/qemu/commits/{{{Sha}}}",
         "commit":{"author":{"name":"A","email":"a@example.org","date":"2024-12-10T21:00:00Z"},"message":"Update version for v9.2.0 release",
                   "tree":{"sha":"1111111111111111111111111111111111111111"},"comment_count":0,
                   "verification":{"verified":false,"reason":"unsigned","signature":null,"payload":null,"verified_at":null}},
         "parents":[{"sha":"2222222222222222222222222222222222222222"}],"stats":{"total":2,"additions":1,"deletions":1},
         "files":[{"sha":"3333333333333333333333333333333333333333","filename":"VERSION","status":"modified","additions":1,"deletions":1,"changes":2,"patch":"@@ -1 +1 @@\n-9.1.92\n+9.2.0"}]}
        """;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    // native: Octokit's typed API failed here (MissingMethodException: no parameterless constructor for Octokit.StringEnum`1[VerificationReason]).
    public async Task A_tag_resolves_to_its_commit_from_GitHubs_commit_document(bool native)
    {
        api.Map($"{Commits}/v9.2.0", _ => LocalHttpResponse.Json(200, CommitDocument));

        var (exit, output) = await FetchQemuDryRun(native, "v9.2.0");

        Assert.True(exit == 0, output);
        Assert.Contains($"= git {Sha}", output);
        Assert.Contains($"GitHub API: GET {api.Url($"{Commits}/v9.2.0")}", output);
        var request = Assert.Single(api.Requests);
        Assert.StartsWith("application/vnd.github", request.Header("Accept"), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(cache.Path, "sources", "git")), "a dry run cloned the repository");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    // native: Octokit's typed API failed here with a NullReferenceException.
    public async Task A_minimal_commit_document_naming_a_changed_file_does_not_crash(bool native)
    {
        api.Map($"{Commits}/v9.2.0", _ => LocalHttpResponse.Json(200, $$"""{"sha":"{{Sha}}","files":[{"filename":"VERSION","status":"modified"}]}"""));

        var (exit, output) = await FetchQemuDryRun(native, "v9.2.0");

        Assert.True(exit == 0, output);
        Assert.Contains($"= git {Sha}", output);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_ref_GitHub_cannot_resolve_is_one_line_naming_the_ref(bool native)
    {
        api.Map($"{Commits}/no-such-tag", _ => LocalHttpResponse.Json(422,
            """{"message":"No commit found for SHA: no-such-tag","documentation_url":"https://docs.github.com/rest/commits/commits#get-a-commit","status":"422"}"""));

        var (exit, output) = await FetchQemuDryRun(native, "no-such-tag");

        Assert.Equal(1, exit);
        Assert.Contains($"GitHub API: GET {api.Url($"{Commits}/no-such-tag")}", output);
        Assert.Contains("FetchQemu failed: GitHub cannot resolve 'no-such-tag' in qemu/qemu: No commit found for SHA: no-such-tag; check the ref", output);
    }
}
