using System.Text.RegularExpressions;

namespace SevStack.Kata.Release;

/// <summary>Finds the sha256 of one file in <c>sha256sum</c>-style text (a checksum asset or release notes).</summary>
public static partial class Sha256Lists
{
    /// <summary>The lower-case hash on the line naming <paramref name="fileName"/>, or, for a one-file list, its only hash.</summary>
    public static string? Find(string text, string fileName, bool singleFileList = false)
    {
        foreach (var line in text.Split('\n'))
        {
            var match = Hash().Match(line);
            if (!match.Success)
                continue;
            var rest = line.Remove(match.Index, match.Length);
            if (Regex.IsMatch(rest, $@"(^|[\s*/(`]){Regex.Escape(fileName)}($|[\s)`])"))
                return match.Value.ToLowerInvariant();
        }
        if (singleFileList && Hash().Matches(text) is [var only])
            return only.Value.ToLowerInvariant();
        return null;
    }

    [GeneratedRegex(@"\b[0-9a-fA-F]{64}\b")]
    private static partial Regex Hash();
}
