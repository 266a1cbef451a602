using SevStack.Engine.Parameters;

namespace SevStack.Engine.Tests;

/// <summary>A parameter type of its own, as a build declares one: lower-case words joined by '-'.</summary>
public sealed record ReleaseName : ParameterText<ReleaseName>, IParsable<ReleaseName>
{
    ReleaseName(string value) : base(value) { }

    public static ReleaseName Parse(string s, IFormatProvider? provider) =>
        new(ParsableText.Matching(s, "^[a-z]+(-[a-z]+)*$", "expects lower-case words joined by '-'"));
}
