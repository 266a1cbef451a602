using SevStack.Engine.Parameters;
using SevStack.Packaging.Inputs;

namespace SevStack.Build.Parameters;

/// <summary>--install-prefix: /usr/local (or below) or /opt/&lt;name&gt;, as the packaging accepts it; it lands in package paths, the launcher script and Kata's configuration.</summary>
public sealed record InstallPrefixSetting : ParameterText<InstallPrefixSetting>, IParsable<InstallPrefixSetting>
{
    InstallPrefixSetting(InstallPrefix prefix) : base(prefix.Path) => Prefix = prefix;

    public InstallPrefix Prefix { get; }

    /// <summary>Absolute, without a trailing slash, e.g. /opt/sevstack.</summary>
    public string Path => Prefix.Path;

    public static InstallPrefixSetting Parse(string s, IFormatProvider? provider) =>
        new(ParsableText.Translating(
            () => InstallPrefix.Parse(ParsableText.Require(s, !s.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '$' or '`' or '\\' or ',' or '=' or ';'),
                "expects a plain path without spaces, quotes or shell characters: /usr/local or /opt/<name>")),
            _ => "expects /usr/local (or a folder below it) or /opt/<name>, where no Debian package installs files"));
}
