using System.Text.RegularExpressions;
using SevStack.Engine.Parameters;

namespace SevStack.Engine.Targets;

/// <summary>How a missing parameter of <c>Requires(() => GuestDisk)</c> reads: the flag and where to give it, never the C# source.</summary>
internal static partial class RequiredParameterText
{
    public static string For(string? expression) =>
        expression is not null && Member().Match(expression) is { Success: true } match
            ? $"{FlagOf(match.Groups[1].Value)} (give it on the command line, as {EnvironmentNameOf(match.Groups[1].Value)} or in a parameter file)"
            : (expression ?? "a parameter") + " has a value";

    static string FlagOf(string member) => "--" + ParameterMember.Kebab(member);

    static string EnvironmentNameOf(string member) => ParameterEnvironment.Prefix + ParameterMember.Kebab(member).Replace('-', '_').ToUpperInvariant();

    [GeneratedRegex(@"^\(\)\s*=>\s*([A-Za-z_][A-Za-z0-9_]*)$")]
    private static partial Regex Member();
}
