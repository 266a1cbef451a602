using System.Diagnostics.CodeAnalysis;

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
}
