using System.Security.Cryptography;
using SevStack.Testing;

namespace SevStack.Build.Tests;

/// <summary>
/// BuildKata's release lookup through the command line, in-process and natively compiled: the release document, its
/// tarball and <c>.sha256</c> asset served on 127.0.0.1 the way GitHub serves them (a checksum as text/plain).
/// </summary>
public sealed class KataReleaseLookupTests : IDisposable
{
    const string Version = "3.18.0";
    readonly FakeKataReleases github = new();
    readonly TempDirectory repository = new("sevstack-repo");
    readonly TempDirectory cache = new("sevstack-cache");

    public void Dispose()
    {
        github.Dispose();
        repository.Dispose();
        cache.Dispose();
    }

    string ChecksumPath => github.DownloadPath(Version, FakeKataReleases.TarballName(Version) + ".sha256");

    void ServeChecksumAsTextPlain(string sha256) =>
        github.Server.Map(ChecksumPath, _ => LocalHttpResponse.Text(200, $"{sha256}  {FakeKataReleases.TarballName(Version)}\n", "text/plain; charset=utf-8"));

    Task<(int Exit, string Output)> BuildKata(bool native, params string[] more) =>
        BuildProgram.RunIsolated(repository, native, ["BuildKata", "--github-api-url", github.ApiUrl.ToString(), "--cache-dir", cache.Path, .. more]);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_sha256_asset_served_as_text_plain_verifies_the_download(bool native)
    {
        var tarball = KataStaticTarball.Create(Version);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(tarball));
        github.Publish(Version, tarball, latest: true);
        ServeChecksumAsTextPlain(sha256);

        var (exit, output) = await BuildKata(native);

        Assert.True(exit == 0, output);
        Assert.Contains($"Kata {Version}: {github.Server.Url(github.DownloadPath(Version, FakeKataReleases.TarballName(Version)))} (sha256 {sha256})", output);
        Assert.Contains($"GitHub API: GET {github.Server.Url("/api/v3/repos/kata-containers/kata-containers/releases/latest")}", output);
        Assert.Contains($"GitHub: GET {github.Server.Url(ChecksumPath)}", output);
        Assert.Single(github.Server.RequestsFor(ChecksumPath));
        Assert.Single(github.Downloads(Version));
        Assert.True(File.Exists(repository.Combine("artifacts", "work", "build", "kata-staging", "opt", "kata", "bin", "containerd-shim-kata-v2")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_tarball_that_does_not_match_its_text_plain_sha256_is_refused(bool native)
    {
        var tarball = KataStaticTarball.Create(Version);
        var published = new string('0', 64);
        github.Publish(Version, tarball);
        ServeChecksumAsTextPlain(published);

        var (exit, output) = await BuildKata(native, "--kata-version", Version);

        Assert.Equal(1, exit);
        Assert.Contains($"BuildKata failed: sha256 mismatch for {github.Server.Url(github.DownloadPath(Version, FakeKataReleases.TarballName(Version)))}: expected {published}, got {Convert.ToHexStringLower(SHA256.HashData(tarball))}", output);
        Assert.False(Directory.Exists(repository.Combine("artifacts", "work", "build", "kata-staging")));
    }
}
