using System.Text.RegularExpressions;
using SevStack.Engine.Parameters;

namespace SevStack.Engine.Tests;

/// <summary>A parameter type of its own, as a build declares one: lower-case words joined by '-'.</summary>
public sealed partial record ReleaseName : IParsable<ReleaseName>
{
    ReleaseName(string value) => Value = value;

    public string Value { get; }

    public static ReleaseName Parse(string s, IFormatProvider? provider) =>
        new(ParsableText.Require(s, Pattern().IsMatch(s), "expects lower-case words joined by '-'"));

    public static bool TryParse(string? s, IFormatProvider? provider, out ReleaseName result) =>
        ParsableText.TryParse(text => Parse(text, provider), s, out result!);

    public override string ToString() => Value;

    [GeneratedRegex("^[a-z]+(-[a-z]+)*$")]
    private static partial Regex Pattern();
}
