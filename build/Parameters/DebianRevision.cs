using System.Text.RegularExpressions;
using SevStack.Engine.Parameters;

namespace SevStack.Build.Parameters;

/// <summary>The Debian revision after each upstream version (--build-suffix): the characters Debian policy (5.6.12) allows there, no '-'.</summary>
public sealed partial record DebianRevision : IParsable<DebianRevision>
{
    DebianRevision(string value) => Value = value;

    public string Value { get; }

    public static DebianRevision Parse(string s, IFormatProvider? provider) =>
        new(ParsableText.Require(s, Pattern().IsMatch(s), "expects a Debian revision: letters, digits, '.', '+' and '~' (at most 32, starting with a letter or digit), e.g. sevstack1"));

    public static bool TryParse(string? s, IFormatProvider? provider, out DebianRevision result) =>
        ParsableText.TryParse(text => Parse(text, provider), s, out result!);

    public override string ToString() => Value;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9.+~]{0,31}$")]
    private static partial Regex Pattern();
}
