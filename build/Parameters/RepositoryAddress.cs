using SevStack.Engine.Parameters;

namespace SevStack.Build.Parameters;

/// <summary>An apt repository's folder (--kata-apt-repository): http(s) or file:// URL, nothing that would end the deb822 field it lands in.</summary>
public sealed record RepositoryAddress : IParsable<RepositoryAddress>
{
    RepositoryAddress(string text) => Text = text;

    public string Text { get; }

    public static RepositoryAddress Parse(string s, IFormatProvider? provider) =>
        WebAddress.TryParse(s, provider, out _) || WebAddress.IsPlainUrl(s, out var uri) && uri.Scheme == "file"
            ? new RepositoryAddress(s)
            : throw new FormatException("expects the http://, https:// or file:// URL of the folder that holds the repository's Release and Packages files");

    public static bool TryParse(string? s, IFormatProvider? provider, out RepositoryAddress result) =>
        ParsableText.TryParse(text => Parse(text, provider), s, out result!);

    public override string ToString() => Text;
}
