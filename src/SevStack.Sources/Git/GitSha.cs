using System.Text.RegularExpressions;

namespace SevStack.Sources.Git;

internal static partial class GitSha
{
    public static bool IsFull(string text) => Full().IsMatch(text);

    public static bool LooksAbbreviated(string text) => Abbreviated().IsMatch(text);

    [GeneratedRegex("^[0-9a-f]{40}$")]
    private static partial Regex Full();

    [GeneratedRegex("^[0-9a-f]{7,39}$")]
    private static partial Regex Abbreviated();
}
