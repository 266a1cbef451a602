namespace SevStack.Sources.GitHub;

/// <summary>
/// Where GitHub repositories live and how to reach their API: <see cref="WebHost"/> is matched against git URLs,
/// <see cref="ApiBase"/> is https://api.github.com/ or a GitHub Enterprise / test server, <see cref="Token"/> is GITHUB_TOKEN.
/// </summary>
public sealed record GitHubOptions(string WebHost, Uri ApiBase, string? Token)
{
    public static GitHubOptions Default(string? token = null) => new("github.com", new Uri("https://api.github.com/"), token);

    /// <summary>Repositories on github.com, their API asked at <paramref name="apiBase"/> (a mirror or test server).</summary>
    public static GitHubOptions At(Uri apiBase, string? token = null) => Default(token) with { ApiBase = apiBase };

    public static GitHubOptions FromEnvironment() => Default(Environment.GetEnvironmentVariable("GITHUB_TOKEN") is { Length: > 0 } token ? token : null);
}
