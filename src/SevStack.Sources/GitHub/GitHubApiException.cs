using SevStack.Toolkit;

namespace SevStack.Sources.GitHub;

/// <summary>GitHub answered a request with an error status; callers turn it into advice for what they asked.</summary>
public sealed class GitHubApiException(Uri url, int status, string apiMessage, GitHubRateLimit rateLimit)
    : BuildException($"GitHub answered {status} for {url.AbsoluteUri}: {apiMessage}")
{
    public Uri Url { get; } = url;

    public int Status { get; } = status;

    /// <summary>GitHub's own explanation (the <c>message</c> of its error document), or the start of the body.</summary>
    public string ApiMessage { get; } = apiMessage;

    public GitHubRateLimit RateLimit { get; } = rateLimit;

    public bool IsNotFound => Status == 404;

    public bool IsUnauthorized => Status == 401;

    /// <summary>422: the request named something GitHub cannot use, such as a ref that is no commit.</summary>
    public bool IsUnprocessable => Status == 422;

    public bool IsSecondaryRateLimit => Status is 403 or 429 && ApiMessage.Contains("secondary rate limit", StringComparison.OrdinalIgnoreCase);

    public bool IsRateLimit => Status is 403 or 429 && !IsSecondaryRateLimit &&
        (RateLimit.Remaining == 0 || ApiMessage.Contains("rate limit", StringComparison.OrdinalIgnoreCase));
}
