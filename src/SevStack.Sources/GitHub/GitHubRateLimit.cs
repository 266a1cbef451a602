using System.Globalization;
using System.Net.Http.Headers;

namespace SevStack.Sources.GitHub;

/// <summary>The <c>X-RateLimit-*</c> headers of an answer, where GitHub sent them.</summary>
public sealed record GitHubRateLimit(int? Limit, int? Remaining, DateTimeOffset? Reset)
{
    public static GitHubRateLimit From(HttpResponseHeaders headers) =>
        new(Number(headers, "X-RateLimit-Limit"), Number(headers, "X-RateLimit-Remaining"),
            Header(headers, "X-RateLimit-Reset") is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null);

    static int? Number(HttpResponseHeaders headers, string name) => Header(headers, name) is { } value && value <= int.MaxValue ? (int)value : null;

    static long? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
