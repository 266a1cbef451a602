using Octokit;
using SevStack.Engine;
using SevStack.Sources.Git;

namespace SevStack.Sources.GitHub;

/// <summary>
/// Resolves a tag, branch or SHA of a GitHub repository to a commit SHA with one API call
/// (<c>GET /repos/{owner}/{repo}/commits/{ref}</c>; annotated tags are peeled by the API).
/// Octokit 14's GetSha1 does not send the <c>vnd.github.sha</c> media type, so the JSON commit is read instead.
/// </summary>
public sealed class GitHubRefResolver : IRefResolver
{
    readonly GitHubClient client;
    readonly GitHubOptions options;

    public GitHubRefResolver(GitHubOptions options)
    {
        this.options = options;
        client = new GitHubClient(new ProductHeaderValue("SevStack"), options.ApiBase);
        if (options.Token is not null)
            client.Credentials = new Credentials(options.Token);
    }

    /// <summary>True when <paramref name="url"/> is a repository on this GitHub (https://host/owner/repo[.git]).</summary>
    public bool Handles(string url) => TryParse(url, out _, out _);

    public async Task<string> ResolveAsync(string url, string reference, CancellationToken cancellationToken = default)
    {
        if (!TryParse(url, out var owner, out var repository))
            throw new BuildException($"{url} is not a repository URL on {options.WebHost} (https://{options.WebHost}/<owner>/<repo>.git)");
        try
        {
            var sha = (await client.Repository.Commit.Get(owner, repository, reference)).Sha ?? "";
            if (!GitSha.IsFull(sha))
                throw new BuildException($"GitHub API {options.ApiBase} answered '{sha}' for {owner}/{repository} '{reference}', which is not a commit SHA");
            return sha;
        }
        catch (RateLimitExceededException e)
        {
            throw new BuildException($"GitHub API rate limit reached ({e.Limit} requests/hour, resets at {e.Reset.UtcDateTime:HH:mm} UTC) while resolving {owner}/{repository} '{reference}'; set GITHUB_TOKEN or wait");
        }
        catch (NotFoundException)
        {
            throw new BuildException($"GitHub has no ref '{reference}' in {owner}/{repository} (or the repository does not exist or is private: set GITHUB_TOKEN); check the ref");
        }
        catch (AuthorizationException)
        {
            throw new BuildException($"GitHub rejected the token while resolving {owner}/{repository} '{reference}'; check GITHUB_TOKEN");
        }
        catch (ApiValidationException e)
        {
            throw new BuildException($"GitHub cannot resolve '{reference}' in {owner}/{repository}: {e.Message}; check the ref");
        }
        catch (ForbiddenException e) when (e.Message.Contains("rate limit", StringComparison.OrdinalIgnoreCase))
        {
            throw new BuildException($"GitHub API rate limit reached while resolving {owner}/{repository} '{reference}'; set GITHUB_TOKEN or wait");
        }
        catch (HttpRequestException e)
        {
            throw new BuildException($"GitHub API {options.ApiBase} is unreachable ({e.Message}); check the network or the API URL");
        }
    }

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
