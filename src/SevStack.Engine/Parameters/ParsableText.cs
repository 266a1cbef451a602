using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace SevStack.Engine.Parameters;

/// <summary>What parameter types of their own share: TryParse through Parse, and the one-line reason when text does not fit.</summary>
public static class ParsableText
{
    public static bool TryParse<T>(Func<string, T> parse, [NotNullWhen(true)] string? text, [MaybeNullWhen(false)] out T result)
    {
        result = default;
        if (text is null)
            return false;
        try
        {
            result = parse(text);
            return result is not null;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The text itself when <paramref name="accepted"/> says yes, else a <see cref="FormatException"/> saying what is expected.</summary>
    public static string Require(string text, bool accepted, string expects) =>
        accepted ? text : throw new FormatException(expects);

    /// <summary>
    /// The text itself when all of it matches <paramref name="pattern"/>, else a <see cref="FormatException"/> saying what is
    /// expected. All of it: a '$' that matched before a final newline does not let the newline through.
    /// </summary>
    public static string Matching(string text, [StringSyntax(StringSyntaxAttribute.Regex)] string pattern, string expects) =>
        Require(text, Regex.Match(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)) is { Success: true, Index: 0 } match && match.Length == text.Length, expects);

    /// <summary>
    /// What a parser of the domain returns for the text, its refusal (a <see cref="BuildException"/>) turned into the
    /// <see cref="FormatException"/> a parameter gives: <paramref name="expects"/> says what was expected, from the refusal.
    /// </summary>
    public static T Translating<T>(Func<T> parse, Func<BuildException, string> expects)
    {
        try
        {
            return parse();
        }
        catch (BuildException e)
        {
            throw new FormatException(expects(e), e);
        }
    }

    /// <summary>A 64-bit number written as hex with 0x (0x21) or as decimal (33), else a <see cref="FormatException"/> saying what is expected.</summary>
    public static ulong UnsignedNumber(string text, string expects) =>
        (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(text.AsSpan(2), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var value)
            : ulong.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value))
            ? value
            : throw new FormatException(expects);
}
