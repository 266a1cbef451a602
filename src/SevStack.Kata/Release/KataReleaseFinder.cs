using SevStack.Toolkit;
using SevStack.Toolkit.Processes;
using SevStack.Sources.GitHub;

namespace SevStack.Kata.Release;

/// <summary>
/// Looks up a Kata Containers release through GitHub's API: the <c>kata-static-&lt;version&gt;-&lt;arch&gt;.tar.xz</c>
/// asset and its sha256, from a checksum asset or, failing that, the release notes.
/// </summary>
public sealed class KataReleaseFinder(IBuildLog log, HttpClient http, GitHubOptions github,
    string owner = "kata-containers", string repository = "kata-containers")
{
    static readonly string[] TarballSuffixes = [".tar.xz", ".tar.zst"];
    readonly GitHubApi api = new(github, http, log);

    string Where => api.Url("repos", owner, repository).AbsoluteUri;

    /// <param name="version">A release tag such as 3.18.0, or null for the latest release.</param>
    public async Task<KataRelease> FindAsync(string? version, string architecture = "amd64", CancellationToken cancellationToken = default)
    {
        var endpoint = version is null
            ? api.Url("repos", owner, repository, "releases", "latest")
            : api.Url("repos", owner, repository, "releases", "tags", version);
        var release = await Call(() => api.GetJsonAsync(endpoint, GitHubReleaseDocuments.Default.GitHubRelease, cancellationToken),
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

    Task<string> DownloadText(GitHubReleaseAsset asset, CancellationToken cancellationToken) =>
        Call(() => api.DownloadTextAsync(new Uri(asset.BrowserDownloadUrl), cancellationToken), $"the checksum asset {asset.Name}", "retry later");

    static string Describe(GitHubRateLimit limit) =>
        $"{limit.Remaining?.ToString() ?? "?"} of {limit.Limit?.ToString() ?? "?"} requests left" + (limit.Reset is { } reset ? $", resets {reset:u}" : "");

    static string AssetList(GitHubRelease release) =>
        release.Assets.Count == 0 ? "none" : string.Join(", ", release.Assets.Select(a => a.Name));

    async Task<T> Call<T>(Func<Task<T>> request, string what, string remedy)
    {
        try
        {
            return await request();
        }
        catch (GitHubApiException e) when (e.IsNotFound)
        {
            throw new BuildException($"{what} was not found at {Where} (GitHub answered 404); {remedy}");
        }
        catch (GitHubApiException e) when (e.IsRateLimit)
        {
            throw new BuildException($"GitHub API rate limit reached while fetching {what} from {Where} ({Describe(e.RateLimit)}); set a GitHub token or retry after the reset");
        }
        catch (GitHubApiException e) when (e.IsSecondaryRateLimit)
        {
            throw new BuildException($"GitHub's secondary rate limit stopped the request for {what} at {Where}; wait a few minutes and retry");
        }
        catch (GitHubApiException e)
        {
            throw new BuildException($"GitHub answered {e.Status} while fetching {what} from {e.Url.AbsoluteUri}: {e.ApiMessage}");
        }
    }
}
