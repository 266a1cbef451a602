using System.Text.RegularExpressions;
using SevStack.Engine.Parameters;

namespace SevStack.Build.Parameters;

/// <summary>A package name as Debian policy (5.6.1) allows it; never an option to apt ('-') or a path.</summary>
public sealed partial record DebianPackageName : IParsable<DebianPackageName>
{
    DebianPackageName(string value) => Value = value;

    public string Value { get; }

    public static DebianPackageName Parse(string s, IFormatProvider? provider) =>
        new(ParsableText.Require(s, Pattern().IsMatch(s), "expects Debian package names: lower-case letters, digits, '+', '-' and '.', at least two, starting with a letter or digit"));

    public static bool TryParse(string? s, IFormatProvider? provider, out DebianPackageName result) =>
        ParsableText.TryParse(text => Parse(text, provider), s, out result!);

    public override string ToString() => Value;

    [GeneratedRegex("^[a-z0-9][a-z0-9+.-]+$")]
    private static partial Regex Pattern();
}
