using System.Text;

namespace SevStack.Engine.Caching.Remote;

/// <summary>
/// Where the remote output cache is (<c>--cache-url</c>), whether this build may write to it (<c>--cache-read-only</c>),
/// and the header that authenticates every request: <c>--cache-header</c>, else the URL's user and password, else the
/// URL host's <c>~/.netrc</c> entry (both sent as <c>Authorization: Basic</c>). The URL is kept without its user
/// information; every form of the credentials is in <see cref="Secrets"/>, which the logs mask.
/// </summary>
public sealed record RemoteCacheSettings
{
    RemoteCacheSettings(Uri url, (string Name, string Value)? header, bool readOnly, IReadOnlyList<string> secrets) =>
        (Url, Header, ReadOnly, Secrets) = (url, header, readOnly, secrets);

    /// <summary>The server's base URL, ending with '/', without user information (safe to print).</summary>
    public Uri Url { get; }

    /// <summary>Sent with every request; null when the server needs no authentication.</summary>
    public (string Name, string Value)? Header { get; }

    /// <summary>Look entries up, never upload (the right setting for untrusted pull-request builds).</summary>
    public bool ReadOnly { get; }

    /// <summary>Texts that must never reach a log: the header value and every part and encoding of it.</summary>
    public IReadOnlyList<string> Secrets { get; }

    /// <summary>The token of an <c>Authorization: Bearer</c> header, else null.</summary>
    public string? BearerToken => AuthorizationParameter("Bearer");

    /// <summary>The user and password of an <c>Authorization: Basic</c> header, else null.</summary>
    public (string User, string Password)? BasicCredentials =>
        AuthorizationParameter("Basic") is { } encoded && DecodeBasic(encoded) is { } pair && pair.IndexOf(':') is var colon and >= 0
            ? (pair[..colon], pair[(colon + 1)..])
            : null;

    /// <summary>The settings the options give (null without <c>--cache-url</c>); the netrc consulted is <c>$HOME/.netrc</c>.</summary>
    public static RemoteCacheSettings? FromOptions(string? url, string? header, bool readOnly, IReadOnlyDictionary<string, string> variables) =>
        url is null ? null : Parse(url, header, readOnly, variables.GetValueOrDefault("HOME") is { Length: > 0 } home ? Path.Combine(home, ".netrc") : null);

    /// <summary>Checks the options; a bad value is a <see cref="UsageException"/> that never quotes a credential.</summary>
    /// <param name="netrcPath">The netrc file to consult when neither the header nor the URL carries credentials.</param>
    public static RemoteCacheSettings Parse(string url, string? header, bool readOnly, string? netrcPath)
    {
        var shown = url.Contains('@', StringComparison.Ordinal) ? "(not shown: it holds user information)" : $"'{url}'";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https") || parsed.Host.Length == 0)
            throw new UsageException($"Invalid value for --cache-url {shown}: give the server's http:// or https:// URL, e.g. http://cache.example:8080/");
        if (parsed.Query.Length > 0 || parsed.Fragment.Length > 0)
            throw new UsageException($"Invalid value for --cache-url {shown}: a query or fragment cannot be part of it; give the base URL entries go under");
        var baseUrl = new UriBuilder(parsed) { UserName = "", Password = "" }.Uri;
        if (!baseUrl.AbsolutePath.EndsWith('/'))
            baseUrl = new Uri(baseUrl.AbsoluteUri + "/");

        (string Name, string Value)? chosen = header is null ? null : ParseHeader(header);
        if (chosen is null && parsed.UserInfo.Length > 0)
        {
            var (user, password) = SplitUserInfo(parsed.UserInfo);
            chosen = Basic(user, password);
        }
        if (chosen is null && netrcPath is not null && Netrc.Find(netrcPath, parsed.Host) is var (login, netrcPassword))
            chosen = Basic(login, netrcPassword);

        return new RemoteCacheSettings(baseUrl, chosen, readOnly, chosen is { } h ? SecretsOf(h.Value, parsed.UserInfo) : SecretsOf(null, parsed.UserInfo));
    }

    static (string, string) ParseHeader(string header)
    {
        var colon = header.IndexOf(':', StringComparison.Ordinal);
        var name = colon > 0 ? header[..colon].Trim() : "";
        var value = colon > 0 ? header[(colon + 1)..].Trim() : "";
        if (name.Length == 0 || !name.All(IsTokenCharacter) || value.Length == 0 || value.Any(char.IsControl))
            throw new UsageException("Invalid value for --cache-header (its value is not shown): give one header as 'Name: value', e.g. 'Authorization: Bearer <token>', on one line");
        return (name, value);
    }

    static bool IsTokenCharacter(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);

    static (string User, string Password) SplitUserInfo(string userInfo)
    {
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        return colon < 0
            ? (Uri.UnescapeDataString(userInfo), "")
            : (Uri.UnescapeDataString(userInfo[..colon]), Uri.UnescapeDataString(userInfo[(colon + 1)..]));
    }

    static (string, string) Basic(string user, string password) =>
        ("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    string? AuthorizationParameter(string scheme) =>
        Header is ("Authorization" or "authorization", var value) && value.StartsWith(scheme + " ", StringComparison.OrdinalIgnoreCase)
            ? value[(scheme.Length + 1)..].Trim()
            : null;

    static string? DecodeBasic(string encoded)
    {
        try { return Encoding.UTF8.GetString(Convert.FromBase64String(encoded)); }
        catch (FormatException) { return null; }
    }

    /// <summary>The header value, its credential part, decoded Basic credentials, and each of those percent-encoded.</summary>
    static IReadOnlyList<string> SecretsOf(string? headerValue, string userInfo)
    {
        var secrets = new List<string>();
        if (headerValue is not null)
        {
            secrets.Add(headerValue);
            var space = headerValue.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0)
            {
                var credential = headerValue[(space + 1)..].Trim();
                secrets.Add(credential);
                if (DecodeBasic(credential) is { } pair)
                {
                    secrets.Add(pair);
                    if (pair.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0)
                        secrets.Add(pair[(colon + 1)..]);
                }
            }
        }
        if (userInfo.Length > 0)
        {
            secrets.Add(userInfo);
            if (userInfo.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0)
                secrets.Add(userInfo[(colon + 1)..]);
        }
        return secrets.Concat(secrets.Select(Uri.EscapeDataString)).Concat(secrets.Select(Uri.UnescapeDataString))
            .Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length).ToList();
    }
}
