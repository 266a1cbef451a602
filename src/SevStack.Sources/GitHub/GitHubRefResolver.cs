using SevStack.Toolkit;
using SevStack.Toolkit.Processes;
using SevStack.Sources.Git;

namespace SevStack.Sources.GitHub;

/// <summary>
/// Resolves a tag, branch or SHA of a GitHub repository to a commit SHA with one API call
/// (<c>GET /repos/{owner}/{repo}/commits/{ref}</c>; annotated tags are peeled by the API). It asks for the
/// <c>vnd.github.sha</c> media type (the bare SHA) and reads a JSON commit document from servers that send one instead.
/// </summary>
public sealed class GitHubRefResolver(GitHubOptions options, HttpClient http, IBuildLog log) : IRefResolver
{
    readonly GitHubApi api = new(options, http, log);

    /// <summary>True when <paramref name="url"/> is a repository on this GitHub (https://host/owner/repo[.git]).</summary>
    public bool Handles(string url) => TryParse(url, out _, out _);

    public async Task<string> ResolveAsync(string url, string reference, CancellationToken cancellationToken = default)
    {
        if (!TryParse(url, out var owner, out var repository))
            throw new BuildException($"{url} is not a repository URL on {options.WebHost} (https://{options.WebHost}/<owner>/<repo>.git)");
        var endpoint = api.Url("repos", owner, repository, "commits", reference);
        string answer;
        try
        {
            answer = await api.GetTextAsync(endpoint, "application/vnd.github.sha", cancellationToken);
        }
        catch (GitHubApiException e)
        {
            throw Explain(e, $"{owner}/{repository}", reference);
        }
        var sha = (answer.TrimStart().StartsWith('{') ? GitHubApi.Read(endpoint, answer, GitHubDocuments.Default.GitHubCommit).Sha : answer.Trim()).ToLowerInvariant();
        if (!GitSha.IsFull(sha))
            throw new BuildException($"GitHub API {endpoint.AbsoluteUri} answered '{Shorten(sha)}' for {owner}/{repository} '{reference}', which is not a commit SHA; check the GitHub API URL");
        return sha;
    }

    static BuildException Explain(GitHubApiException e, string repository, string reference)
    {
        if (e.IsRateLimit)
            return new BuildException(e.RateLimit is { Limit: { } limit, Reset: { } reset }
                ? $"GitHub API rate limit reached ({limit} requests/hour, resets at {reset.UtcDateTime:HH:mm} UTC) while resolving {repository} '{reference}'; set GITHUB_TOKEN or wait"
                : $"GitHub API rate limit reached while resolving {repository} '{reference}'; set GITHUB_TOKEN or wait");
        if (e.IsSecondaryRateLimit)
            return new BuildException($"GitHub's secondary rate limit stopped resolving {repository} '{reference}'; wait a few minutes and retry");
        if (e.IsNotFound)
            return new BuildException($"GitHub has no ref '{reference}' in {repository} (or the repository does not exist or is private: set GITHUB_TOKEN); check the ref");
        if (e.IsUnauthorized)
            return new BuildException($"GitHub rejected the token while resolving {repository} '{reference}'; check GITHUB_TOKEN");
        if (e.IsUnprocessable)
            return new BuildException($"GitHub cannot resolve '{reference}' in {repository}: {e.ApiMessage}; check the ref");
        return new BuildException($"GitHub API error {e.Status} while resolving {repository} '{reference}' ({e.Url.AbsoluteUri}): {e.ApiMessage}");
    }

    static string Shorten(string text) => text.Length > 80 ? text[..80] + "…" : text;

    bool TryParse(string url, out string owner, out string repository)
    {
        owner = repository = "";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != "https" || !string.Equals(uri.Host, options.WebHost, StringComparison.OrdinalIgnoreCase))
            return false;
        var parts = uri.AbsolutePath.Trim('/').Split('/');
        if (parts.Length != 2)
            return false;
        owner = parts[0];
        repository = parts[1].EndsWith(".git", StringComparison.Ordinal) ? parts[1][..^4] : parts[1];
        return owner.Length > 0 && repository.Length > 0;
    }
}
