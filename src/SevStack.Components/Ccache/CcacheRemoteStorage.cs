using SevStack.Engine.Caching.Remote;

namespace SevStack.Components.Ccache;

/// <summary>
/// ccache's <c>remote_storage</c> for the remote cache server: its http backend with <c>layout=bazel</c> (objects at
/// <c>&lt;url&gt;/ac/&lt;64 hex&gt;</c>, beside the output cache's entries), <c>read-only</c> when the build may not
/// upload, and the same credentials (a bearer token attribute, or Basic credentials in the URL). Debian 12's ccache
/// (4.7) speaks plain http only and sends no other header: then there is no remote storage, and
/// <see cref="UnusableReason"/> says why.
/// </summary>
public sealed record CcacheRemoteStorage
{
    CcacheRemoteStorage(string? value, string? unusableReason) => (Value, UnusableReason) = (value, unusableReason);

    /// <summary>The <c>CCACHE_REMOTE_STORAGE</c> value, or null when ccache cannot use the server.</summary>
    public string? Value { get; }

    public string? UnusableReason { get; }

    /// <summary>How long ccache waits for the connection (its default of 100 ms is meant for a server on the same LAN).</summary>
    public const int ConnectTimeoutMilliseconds = 1000;

    public static CcacheRemoteStorage For(RemoteCacheSettings remote)
    {
        if (remote.Url.Scheme != "http")
            return new(null, $"ccache's http backend speaks plain http only, not {remote.Url.Scheme}");
        var url = remote.Url.AbsoluteUri;
        var attributes = new List<string> { "layout=bazel", $"connect-timeout={ConnectTimeoutMilliseconds}" };
        if (remote.ReadOnly)
            attributes.Add("read-only=true");
        if (remote.BearerToken is { } token)
            attributes.Add("bearer-token=" + Uri.EscapeDataString(token));
        else if (remote.BasicCredentials is var (user, password))
            url = new UriBuilder(remote.Url) { UserName = Uri.EscapeDataString(user), Password = Uri.EscapeDataString(password) }.Uri.AbsoluteUri;
        else if (remote.Header is var (name, _))
            return new(null, $"ccache can send a bearer token or Basic credentials, not a {name} header");
        return new(string.Join('|', attributes.Prepend(url)), null);
    }
}
