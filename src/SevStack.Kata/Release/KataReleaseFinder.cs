using System.Text;
using Octokit;
using Octokit.Internal;
using SevStack.Engine;
using SevStack.Engine.Processes;

namespace SevStack.Kata.Release;

/// <summary>
/// Looks up a Kata Containers release on GitHub with Octokit: the <c>kata-static-&lt;version&gt;-&lt;arch&gt;.tar.xz</c>
/// asset and its sha256, from a checksum asset or, failing that, the release notes.
/// </summary>
public sealed class KataReleaseFinder
{
    public static readonly Uri GitHubApi = new("https://api.github.com/");
    static readonly string[] TarballSuffixes = [".tar.xz", ".tar.zst"];
    readonly GitHubClient client;
    readonly IBuildLog log;
    readonly string owner;
    readonly string repository;

    /// <param name="apiBase">GitHub's API, or another base (Octokit adds <c>api/v3/</c> for hosts other than github.com).</param>
    /// <param name="token">Optional token: raises the anonymous limit of 60 requests an hour.</param>
    public KataReleaseFinder(IBuildLog log, Uri? apiBase = null, string? token = null,
        string owner = "kata-containers", string repository = "kata-containers")
    {
        var credentials = string.IsNullOrEmpty(token) ? Credentials.Anonymous : new Credentials(token);
        client = new GitHubClient(new Connection(new ProductHeaderValue("SevStack"), ApiRoot(apiBase ?? GitHubApi), new InMemoryCredentialStore(credentials),
            new HttpClientAdapter(HttpMessageHandlerFactory.CreateDefault), new GitHubJsonSerializer()));
        this.log = log;
        this.owner = owner;
        this.repository = repository;
    }

    /// <summary>GitHub Enterprise and other hosts serve the API under api/v3/ (what Octokit's GitHubClient does for a bare host).</summary>
    static Uri ApiRoot(Uri apiBase) =>
        apiBase.Host == GitHubApi.Host || apiBase.AbsolutePath.TrimEnd('/').EndsWith("/api/v3", StringComparison.Ordinal)
            ? apiBase
            : new Uri(apiBase, "api/v3/");

    string Where => $"{client.Connection.BaseAddress}repos/{owner}/{repository}";

    /// <param name="version">A release tag such as 3.18.0, or null for the latest release.</param>
    public async Task<KataRelease> FindAsync(string? version, string architecture = "amd64", CancellationToken cancellationToken = default)
    {
        var releases = $"repos/{owner}/{repository}/releases/";
        var endpoint = new Uri(version is null ? releases + "latest" : releases + "tags/" + Uri.EscapeDataString(version), UriKind.Relative);
        var release = await Call(
            async () => (await client.Connection.Get<GitHubRelease>(endpoint, new Dictionary<string, string>()).ConfigureAwait(false)).Body,
            version is null ? "the latest Kata release" : $"Kata release {version}",
            version is null ? "check that the repository has published releases" : "check --kata-version against the project's release tags");
        var tag = release.TagName;
        // Releases up to 3.19 publish .tar.xz; later ones .tar.zst (both extract the same way).
        var names = TarballSuffixes.Select(suffix => $"kata-static-{tag}-{architecture}{suffix}").ToList();
        var tarball = names.Select(n => release.Assets.FirstOrDefault(a => a.Name == n)).OfType<GitHubReleaseAsset>().FirstOrDefault()
            ?? throw new BuildException($"Kata release {tag} has no asset {string.Join(" or ", names)}; assets present: {AssetList(release)}; pick another --kata-version or architecture");
        var tarballName = tarball.Name;

        var sha256 = await ChecksumAsync(release, tarballName, cancellationToken);
        log.Info($"Kata {tag}: {tarball.BrowserDownloadUrl} (sha256 {sha256})");
        return new KataRelease(tag, tarballName, new Uri(tarball.BrowserDownloadUrl), sha256);
    }

    async Task<string> ChecksumAsync(GitHubRelease release, string tarballName, CancellationToken cancellationToken)
    {
        var dedicated = release.Assets.FirstOrDefault(a => a.Name is var n && (n == tarballName + ".sha256" || n == tarballName + ".sha256sum"));
        if (dedicated is not null && Sha256Lists.Find(await DownloadText(dedicated, cancellationToken), tarballName, singleFileList: true) is { } single)
            return single;
        foreach (var list in release.Assets.Where(IsChecksumList))
            if (Sha256Lists.Find(await DownloadText(list, cancellationToken), tarballName) is { } listed)
                return listed;
        return Sha256Lists.Find(release.Body ?? "", tarballName)
            ?? throw new BuildException($"Kata release {release.TagName} publishes no sha256 for {tarballName} (no .sha256 asset, no checksum list, nothing in the release notes); assets present: {AssetList(release)}");
    }

    static bool IsChecksumList(GitHubReleaseAsset asset)
    {
        var name = asset.Name.ToLowerInvariant();
        return name.Contains("sha256", StringComparison.Ordinal) || name.Contains("checksum", StringComparison.Ordinal);
    }

    async Task<string> DownloadText(GitHubReleaseAsset asset, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var response = await Call(() => client.Connection.GetRaw(new Uri(asset.BrowserDownloadUrl), new Dictionary<string, string>()),
            $"the checksum asset {asset.Name}", "retry later");
        return Encoding.UTF8.GetString(response.Body ?? []);
    }

    static string AssetList(GitHubRelease release) =>
        release.Assets.Count == 0 ? "none" : string.Join(", ", release.Assets.Select(a => a.Name));

    async Task<T> Call<T>(Func<Task<T>> request, string what, string remedy)
    {
        try
        {
            return await request();
        }
        catch (NotFoundException)
        {
            throw new BuildException($"{what} was not found at {Where} (GitHub answered 404); {remedy}");
        }
        catch (RateLimitExceededException e)
        {
            throw new BuildException($"GitHub API rate limit reached while fetching {what} from {Where} ({e.Remaining} of {e.Limit} requests left, resets {e.Reset:u}); set a GitHub token or retry after the reset");
        }
        catch (SecondaryRateLimitExceededException)
        {
            throw new BuildException($"GitHub's secondary rate limit stopped the request for {what} at {Where}; wait a few minutes and retry");
        }
        catch (ApiException e)
        {
            throw new BuildException($"GitHub API error {(int)e.StatusCode} while fetching {what} from {Where}: {e.Message}");
        }
        catch (HttpRequestException e)
        {
            throw new BuildException($"could not reach {Where} while fetching {what} ({e.Message}); check the network or the API base URL");
        }
    }
}
