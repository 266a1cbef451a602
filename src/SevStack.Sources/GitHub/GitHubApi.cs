using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SevStack.Toolkit;
using SevStack.Toolkit.Processes;

namespace SevStack.Sources.GitHub;

/// <summary>
/// GET requests to GitHub's REST API and to release assets over a plain <see cref="HttpClient"/>, each one logged. Documents
/// are read by System.Text.Json's source generator, which the natively compiled build program needs (no reflection).
/// An error status is a <see cref="GitHubApiException"/>; no answer at all is a <see cref="BuildException"/>.
/// </summary>
public sealed class GitHubApi(GitHubOptions options, HttpClient http, IBuildLog log)
{
    const string ApiVersion = "2022-11-28";

    /// <summary>Where repository paths start: the base itself on api.github.com, &lt;base&gt;/api/v3/ on GitHub Enterprise and other hosts.</summary>
    public Uri Root { get; } = RootOf(options.ApiBase);

    public static Uri RootOf(Uri apiBase)
    {
        var withSlash = apiBase.AbsoluteUri.EndsWith('/') ? apiBase : new Uri(apiBase.AbsoluteUri + "/");
        return withSlash.Host == "api.github.com" || withSlash.AbsolutePath.EndsWith("/api/v3/", StringComparison.Ordinal)
            ? withSlash
            : new Uri(withSlash, "api/v3/");
    }

    /// <summary>The document at <paramref name="url"/> (see <see cref="Url"/>) as <paramref name="document"/> describes it.</summary>
    public async Task<T> GetJsonAsync<T>(Uri url, JsonTypeInfo<T> document, CancellationToken cancellationToken) =>
        Read(url, await GetAsync(url, "GitHub API", "application/vnd.github+json", cancellationToken), document);

    /// <summary>The body at <paramref name="url"/> (see <see cref="Url"/>) asked for as <paramref name="mediaType"/>.</summary>
    public Task<string> GetTextAsync(Uri url, string mediaType, CancellationToken cancellationToken) =>
        GetAsync(url, "GitHub API", mediaType, cancellationToken);

    /// <summary>An API address from path segments, each escaped (a ref such as <c>heads/feature/x</c> keeps its slashes).</summary>
    public Uri Url(params string[] segments) =>
        new(Root, string.Join('/', segments.SelectMany(s => s.Split('/')).Select(Uri.EscapeDataString)));

    /// <summary>A file such as a release asset, as UTF-8 text whatever Content-Type it is served with.</summary>
    public Task<string> DownloadTextAsync(Uri url, CancellationToken cancellationToken) =>
        GetAsync(url, "GitHub", "*/*", cancellationToken);

    /// <summary>Reads a document <paramref name="url"/> answered; one line naming the URL when it is not one.</summary>
    public static T Read<T>(Uri url, string body, JsonTypeInfo<T> document)
    {
        try
        {
            return JsonSerializer.Deserialize(body, document) ?? throw new JsonException("the document is null");
        }
        catch (JsonException e)
        {
            throw new BuildException($"GitHub API {url.AbsoluteUri} answered with a document SevStack cannot read ({e.Message}); check the GitHub API URL");
        }
    }

    async Task<string> GetAsync(Uri url, string what, string mediaType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("SevStack", null));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mediaType));
        if (url.Authority == Root.Authority)
        {
            request.Headers.Add("X-GitHub-Api-Version", ApiVersion);
            if (options.Token is { } token)
                request.Headers.Authorization = new AuthenticationHeaderValue("token", token);
        }
        log.Info($"{what}: GET {url.AbsoluteUri}");
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw new GitHubApiException(url, (int)response.StatusCode, ErrorMessage(body, response), GitHubRateLimit.From(response.Headers));
            return body;
        }
        catch (HttpRequestException e)
        {
            throw new BuildException($"could not reach {url.AbsoluteUri} ({e.Message}); check the network or the GitHub API URL");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BuildException($"{url.AbsoluteUri} did not answer within {http.Timeout.TotalSeconds:0} s; check the network or the GitHub API URL");
        }
    }

    /// <summary>GitHub's error document says what went wrong in <c>message</c>; another server's page, its first line.</summary>
    static string ErrorMessage(string body, HttpResponseMessage response)
    {
        try
        {
            if (JsonSerializer.Deserialize(body, GitHubDocuments.Default.GitHubError) is { Message: { Length: > 0 } message })
                return message;
        }
        catch (JsonException)
        {
        }
        var firstLine = body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return firstLine is { Length: > 0 } ? firstLine.Length > 200 ? firstLine[..200] + "…" : firstLine : response.ReasonPhrase ?? "no explanation";
    }
}
