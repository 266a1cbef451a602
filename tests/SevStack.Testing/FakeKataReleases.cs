using System.Security.Cryptography;
using System.Text.Json;

namespace SevStack.Testing;

/// <summary>
/// GitHub's release API for kata-containers/kata-containers (under /api/v3/, where SevStack looks on a host that is
/// not github.com) and the release assets, served by a <see cref="LocalHttpServer"/> on 127.0.0.1.
/// </summary>
public sealed class FakeKataReleases : IDisposable
{
    const string Releases = "/api/v3/repos/kata-containers/kata-containers/releases";
    int nextId = 1;

    public LocalHttpServer Server { get; } = new();

    /// <summary>The value for --github-api-url.</summary>
    public Uri ApiUrl => Server.BaseUri;

    public static string TarballName(string version) => $"kata-static-{version}-amd64.tar.xz";

    public string DownloadPath(string version, string asset) => $"/downloads/{version}/{asset}";

    /// <summary>Publishes a release with its tarball and a <c>.sha256</c> asset.</summary>
    /// <param name="sha256">What the checksum asset says; by default the tarball's true hash.</param>
    /// <param name="withTarball">False leaves the amd64 kata-static asset out (only the arm64 one is published).</param>
    public void Publish(string version, byte[] tarball, string? sha256 = null, bool withTarball = true, bool latest = false)
    {
        var name = TarballName(version);
        var assets = new List<string>();
        if (withTarball)
        {
            assets.Add(name);
            Server.MapFile(DownloadPath(version, name), tarball);
            assets.Add(name + ".sha256");
            var hash = sha256 ?? Convert.ToHexStringLower(SHA256.HashData(tarball));
            Server.Map(DownloadPath(version, name + ".sha256"), _ => LocalHttpResponse.Text(200, $"{hash}  {name}\n", "application/octet-stream"));
        }
        else
            assets.Add($"kata-static-{version}-arm64.tar.xz");
        var json = ReleaseJson(version, assets);
        Server.Map($"{Releases}/tags/{version}", _ => LocalHttpResponse.Json(200, json));
        if (latest)
            Server.Map($"{Releases}/latest", _ => LocalHttpResponse.Json(200, json));
    }

    public IReadOnlyList<LocalHttpRequest> Downloads(string version) => [.. Server.Requests.Where(r => r.Path == DownloadPath(version, TarballName(version)))];

    string ReleaseJson(string version, IReadOnlyList<string> assets) => JsonSerializer.Serialize(new
    {
        id = nextId++,
        tag_name = version,
        name = version,
        body = $"Kata Containers {version}",
        draft = false,
        prerelease = false,
        assets = assets.Select((asset, i) => new
        {
            id = 1000 + i,
            name = asset,
            state = "uploaded",
            content_type = "application/octet-stream",
            size = 1,
            url = Server.Url($"{Releases}/assets/{1000 + i}").ToString(),
            browser_download_url = Server.Url(DownloadPath(version, asset)).ToString(),
        }),
    });

    public void Dispose() => Server.Dispose();
}
