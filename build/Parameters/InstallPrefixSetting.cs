using SevStack.Engine;
using SevStack.Engine.Parameters;
using SevStack.Packaging.Inputs;

namespace SevStack.Build.Parameters;

/// <summary>--install-prefix: /usr/local (or below) or /opt/&lt;name&gt;, as the packaging accepts it; it lands in package paths, the launcher script and Kata's configuration.</summary>
public sealed record InstallPrefixSetting : IParsable<InstallPrefixSetting>
{
    InstallPrefixSetting(InstallPrefix prefix) => Prefix = prefix;

    public InstallPrefix Prefix { get; }

    /// <summary>Absolute, without a trailing slash, e.g. /opt/sevstack.</summary>
    public string Path => Prefix.Path;

    public static InstallPrefixSetting Parse(string s, IFormatProvider? provider)
    {
        if (s.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '$' or '`' or '\\' or ',' or '=' or ';'))
            throw new FormatException("expects a plain path without spaces, quotes or shell characters: /usr/local or /opt/<name>");
        try
        {
            return new InstallPrefixSetting(InstallPrefix.Parse(s));
        }
        catch (BuildException)
        {
            throw new FormatException("expects /usr/local (or a folder below it) or /opt/<name>, where no Debian package installs files");
        }
    }

    public static bool TryParse(string? s, IFormatProvider? provider, out InstallPrefixSetting result) =>
        ParsableText.TryParse(text => Parse(text, provider), s, out result!);

    public override string ToString() => Path;
}
