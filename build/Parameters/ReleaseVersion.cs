using SevStack.Engine.Parameters;

namespace SevStack.Build.Parameters;

/// <summary>A release number such as 3.18.0 (--kata-version): its text is the release tag looked up on GitHub, its version the one ConfigureKata configures for.</summary>
public sealed record ReleaseVersion : ParameterText<ReleaseVersion>, IParsable<ReleaseVersion>
{
    ReleaseVersion(string text) : base(text) => Version = Version.Parse(text);

    public Version Version { get; }

    public static ReleaseVersion Parse(string s, IFormatProvider? provider) =>
        new(ParsableText.Matching(s, @"^[0-9]{1,9}\.[0-9]{1,9}(\.[0-9]{1,9}){0,2}$", "expects a release number such as 3.18.0"));
}
