using SevStack.Engine.Parameters;

namespace SevStack.Build.Parameters;

/// <summary>An apt repository's folder (--kata-apt-repository): http(s) or file:// URL, nothing that would end the deb822 field it lands in.</summary>
public sealed record RepositoryAddress : ParameterText<RepositoryAddress>, IParsable<RepositoryAddress>
{
    RepositoryAddress(string text) : base(text) { }

    public static RepositoryAddress Parse(string s, IFormatProvider? provider) =>
        new(ParsableText.Require(s, WebAddress.TryParse(s, provider, out _) || WebAddress.IsPlainUrl(s, out var uri) && uri.Scheme == "file",
            "expects the http://, https:// or file:// URL of the folder that holds the repository's Release and Packages files"));
}
