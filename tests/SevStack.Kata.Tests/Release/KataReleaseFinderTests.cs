using System.Text.Json;
using SevStack.Toolkit;
using SevStack.Toolkit.Processes;
using SevStack.Kata.Release;
using SevStack.Kata.Tests.Support;
using SevStack.Sources.GitHub;

namespace SevStack.Kata.Tests.Release;

public class KataReleaseFinderTests : IDisposable
{
    const string Sha = "3f9f0a2c5e1b7d4a8c6e0f2b4d6a8c0e2f4b6d8a0c2e4f6b8d0a2c4e6f8b0d2a";
    readonly FakeGitHubApi github = new();
    readonly HttpClient http = new();
    readonly MemoryBuildLog log = new();

    public void Dispose()
    {
        http.Dispose();
        github.Dispose();
    }

    KataReleaseFinder Finder() => new(log, http, GitHubOptions.At(github.BaseAddress));

    string ReleaseJson(string tag, string body, params string[] assetNames) => JsonSerializer.Serialize(new
    {
        id = 1,
        tag_name = tag,
        name = tag,
        body,
        draft = false,
        prerelease = false,
        assets = assetNames.Select((name, i) => new
        {
            id = 100 + i,
            name,
            state = "uploaded",
            content_type = "application/octet-stream",
            size = 1,
            url = github.Url($"api/v3/repos/kata-containers/kata-containers/releases/assets/{100 + i}"),
            browser_download_url = github.Url($"downloads/{tag}/{name}"),
        }),
    });

    [Fact]
    public async Task A_tagged_release_with_a_sha256_asset_is_found()
    {
        github.Answer(github.Api("repos/kata-containers/kata-containers/releases/tags/3.18.0"), 200,
            ReleaseJson("3.18.0", "notes", "kata-containers-3.18.0-vendor.tar.gz", "kata-static-3.18.0-amd64.tar.xz", "kata-static-3.18.0-amd64.tar.xz.sha256"));
        github.Answer("/downloads/3.18.0/kata-static-3.18.0-amd64.tar.xz.sha256", 200, $"{Sha.ToUpperInvariant()}  kata-static-3.18.0-amd64.tar.xz\n", "application/octet-stream");

        var release = await Finder().FindAsync("3.18.0");

        Assert.Equal(new KataRelease("3.18.0", "kata-static-3.18.0-amd64.tar.xz", new Uri(github.Url("downloads/3.18.0/kata-static-3.18.0-amd64.tar.xz")), Sha), release);
    }

    [Fact]
    public async Task A_sha256_asset_served_as_text_plain_is_read_and_every_request_is_logged()
    {
        github.Answer(github.Api("repos/kata-containers/kata-containers/releases/tags/3.18.0"), 200,
            ReleaseJson("3.18.0", "notes", "kata-static-3.18.0-amd64.tar.xz", "kata-static-3.18.0-amd64.tar.xz.sha256"));
        github.Answer("/downloads/3.18.0/kata-static-3.18.0-amd64.tar.xz.sha256", 200, $"{Sha}  kata-static-3.18.0-amd64.tar.xz\n", "text/plain; charset=utf-8");

        var release = await Finder().FindAsync("3.18.0");

        Assert.Equal(Sha, release.Sha256);
        Assert.Equal([
            $"GitHub API: GET {github.Url("api/v3/repos/kata-containers/kata-containers/releases/tags/3.18.0")}",
            $"GitHub: GET {github.Url("downloads/3.18.0/kata-static-3.18.0-amd64.tar.xz.sha256")}",
            $"Kata 3.18.0: {github.Url("downloads/3.18.0/kata-static-3.18.0-amd64.tar.xz")} (sha256 {Sha})",
        ], log.Lines);
    }

    [Fact]
    public async Task A_checksum_asset_that_cannot_be_downloaded_is_one_line_naming_it()
    {
        github.Answer(github.Api("repos/kata-containers/kata-containers/releases/tags/3.18.0"), 200,
            ReleaseJson("3.18.0", "notes", "kata-static-3.18.0-amd64.tar.xz", "kata-static-3.18.0-amd64.tar.xz.sha256"));
        github.Answer("/downloads/3.18.0/kata-static-3.18.0-amd64.tar.xz.sha256", 500, "upstream broke", "text/plain");

        var error = await Assert.ThrowsAsync<BuildException>(() => Finder().FindAsync("3.18.0"));

        Assert.Equal($"GitHub answered 500 while fetching the checksum asset kata-static-3.18.0-amd64.tar.xz.sha256 from {github.Url("downloads/3.18.0/kata-static-3.18.0-amd64.tar.xz.sha256")}: upstream broke", error.Message);
    }

    [Fact]
    public async Task A_release_document_without_a_tag_is_one_line_not_a_crash()
    {
        github.Answer(github.Api("repos/kata-containers/kata-containers/releases/tags/3.18.0"), 200, """{"id":1,"name":"3.18.0","assets":[]}""");

        var error = await Assert.ThrowsAsync<BuildException>(() => Finder().FindAsync("3.18.0"));

        Assert.StartsWith($"GitHub API {github.Url("api/v3/repos/kata-containers/kata-containers/releases/tags/3.18.0")} answered with a document SevStack cannot read (", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task The_latest_release_takes_its_checksum_from_the_release_notes()
    {
        github.Answer(github.Api("repos/kata-containers/kata-containers/releases/latest"), 200,
            ReleaseJson("3.17.0", $"## Checksums\n\n```\n{Sha}  kata-static-3.17.0-amd64.tar.xz\n0000000000000000000000000000000000000000000000000000000000000000  kata-static-3.17.0-arm64.tar.xz\n```\n",
                "kata-static-3.17.0-amd64.tar.xz", "kata-static-3.17.0-arm64.tar.xz"));

        var release = await Finder().FindAsync(version: null);

        Assert.Equal("3.17.0", release.Version);
        Assert.Equal(Sha, release.Sha256);
    }

    [Fact]
    public async Task A_missing_tarball_asset_lists_the_assets_present()
    {
        github.Answer(github.Api("repos/kata-containers/kata-containers/releases/tags/3.30.0"), 200,
            ReleaseJson("3.30.0", "", "kata-static-3.30.0-arm64.tar.zst", "kata-static-3.30.0-s390x.tar.zst"));

        var error = await Assert.ThrowsAsync<BuildException>(() => Finder().FindAsync("3.30.0"));

        Assert.Equal("Kata release 3.30.0 has no asset kata-static-3.30.0-amd64.tar.xz or kata-static-3.30.0-amd64.tar.zst; assets present: kata-static-3.30.0-arm64.tar.zst, kata-static-3.30.0-s390x.tar.zst; pick another --kata-version or architecture", error.Message);
    }

    [Fact]
    public async Task A_newer_release_publishing_zstd_tarballs_is_found()
    {
        github.Answer(github.Api("repos/kata-containers/kata-containers/releases/tags/3.20.0"), 200,
            ReleaseJson("3.20.0", "", "kata-static-3.20.0-amd64.tar.zst", "kata-static-3.20.0-amd64.tar.zst.sha256"));
        github.Answer("/downloads/3.20.0/kata-static-3.20.0-amd64.tar.zst.sha256", 200, $"{Sha}  kata-static-3.20.0-amd64.tar.zst\n", "application/octet-stream");

        var release = await Finder().FindAsync("3.20.0");

        Assert.Equal(new KataRelease("3.20.0", "kata-static-3.20.0-amd64.tar.zst", new Uri(github.Url("downloads/3.20.0/kata-static-3.20.0-amd64.tar.zst")), Sha), release);
    }

    [Fact]
    public async Task A_release_without_any_checksum_is_refused()
    {
        github.Answer(github.Api("repos/kata-containers/kata-containers/releases/tags/3.18.0"), 200,
            ReleaseJson("3.18.0", "no sums here", "kata-static-3.18.0-amd64.tar.xz"));

        var error = await Assert.ThrowsAsync<BuildException>(() => Finder().FindAsync("3.18.0"));
        Assert.StartsWith("Kata release 3.18.0 publishes no sha256 for kata-static-3.18.0-amd64.tar.xz", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_version_is_a_404_with_advice()
    {
        var error = await Assert.ThrowsAsync<BuildException>(() => Finder().FindAsync("9.9.9"));

        Assert.Equal($"Kata release 9.9.9 was not found at {github.BaseAddress}api/v3/repos/kata-containers/kata-containers (GitHub answered 404); check --kata-version against the project's release tags", error.Message);
        Assert.Contains(github.Api("repos/kata-containers/kata-containers/releases/tags/9.9.9"), github.Requested);
    }

    [Fact]
    public async Task Rate_limiting_says_when_to_retry()
    {
        github.Answer(github.Api("repos/kata-containers/kata-containers/releases/latest"), 403,
            "{\"message\":\"API rate limit exceeded for 127.0.0.1.\",\"documentation_url\":\"https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting\"}",
            headers: new Dictionary<string, string> { ["X-RateLimit-Limit"] = "60", ["X-RateLimit-Remaining"] = "0", ["X-RateLimit-Reset"] = "1795000000" });

        var error = await Assert.ThrowsAsync<BuildException>(() => Finder().FindAsync(null));

        Assert.StartsWith("GitHub API rate limit reached while fetching the latest Kata release", error.Message, StringComparison.Ordinal);
        Assert.Contains("0 of 60 requests left", error.Message, StringComparison.Ordinal);
        Assert.Contains("set a GitHub token", error.Message, StringComparison.Ordinal);
    }
}
