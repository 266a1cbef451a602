using SevStack.Engine.Parameters;

namespace SevStack.Build.Parameters;

/// <summary>
/// An http(s) address (--github-api-url, --docker-repository): absolute, with a host, nothing that would end a line or a
/// field in the apt source or the HTTP request it lands in (no space, quote or backslash). Its text is as given.
/// </summary>
public sealed record WebAddress : ParameterText<WebAddress>, IParsable<WebAddress>
{
    WebAddress(Uri uri, string text) : base(text) => Uri = uri;

    public Uri Uri { get; }

    public static WebAddress Parse(string s, IFormatProvider? provider) =>
        IsPlainUrl(s, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0
            ? new WebAddress(uri, s)
            : throw new FormatException("expects an http:// or https:// address, e.g. https://mirror.example.org/docker");

    /// <summary>An absolute URL with no character that would end a field or a line where it lands.</summary>
    internal static bool IsPlainUrl(string s, out Uri uri)
    {
        uri = null!;
        return s.IndexOfAny([' ', '"', '\'', '\\', '<', '>']) < 0 && Uri.TryCreate(s, UriKind.Absolute, out uri!);
    }
}
