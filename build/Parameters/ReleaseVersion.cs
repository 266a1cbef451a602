using System.Text.RegularExpressions;
using SevStack.Engine.Parameters;

namespace SevStack.Build.Parameters;

/// <summary>A release number such as 3.18.0 (--kata-version): the release tag looked up on GitHub and the version ConfigureKata configures for.</summary>
public sealed partial record ReleaseVersion : IParsable<ReleaseVersion>
{
    ReleaseVersion(string text, Version version) => (Text, Version) = (text, version);

    /// <summary>As given: the release tag.</summary>
    public string Text { get; }

    public Version Version { get; }

    public static ReleaseVersion Parse(string s, IFormatProvider? provider) =>
        Pattern().IsMatch(s) && Version.TryParse(s, out var version)
            ? new ReleaseVersion(s, version)
            : throw new FormatException("expects a release number such as 3.18.0");

    public static bool TryParse(string? s, IFormatProvider? provider, out ReleaseVersion result) =>
        ParsableText.TryParse(text => Parse(text, provider), s, out result!);

    public override string ToString() => Text;

    [GeneratedRegex(@"^[0-9]{1,9}\.[0-9]{1,9}(\.[0-9]{1,9}){0,2}$")]
    private static partial Regex Pattern();
}
