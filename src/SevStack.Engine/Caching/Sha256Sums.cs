using System.Text;

namespace SevStack.Engine.Caching;

/// <summary>
/// The <c>SHA256SUMS</c> of an entry's <c>outputs/</c>, in <c>sha256sum</c> format and ordinal path order. A symlink
/// is listed with the hash of its target text, so verifying compares the whole listing: changed, missing and extra
/// files all show.
/// </summary>
internal static class Sha256Sums
{
    public const string FileName = "SHA256SUMS";

    public static string Compute(string entryFolder)
    {
        var outputs = Path.Combine(entryFolder, CacheEntry.OutputsFolder);
        var lines = new List<string>();
        if (Directory.Exists(outputs))
            Collect(new DirectoryInfo(outputs), entryFolder, lines);
        var text = new StringBuilder();
        foreach (var line in lines.OrderBy(l => l[66..], StringComparer.Ordinal))
            text.Append(line).Append('\n');
        return text.ToString();
    }

    static void Collect(DirectoryInfo folder, string root, List<string> lines)
    {
        foreach (var entry in folder.EnumerateFileSystemInfos())
        {
            var relative = Path.GetRelativePath(root, entry.FullName).Replace('\\', '/');
            if (entry.LinkTarget is { } link)
                lines.Add($"{FileHashes.Sha256Text(link)}  {relative}");
            else if (entry is DirectoryInfo sub)
                Collect(sub, root, lines);
            else
                lines.Add($"{FileHashes.Sha256(entry.FullName)}  {relative}");
        }
    }

    /// <summary>Null when the entry matches its list, else what is wrong.</summary>
    public static string? Verify(string entryFolder)
    {
        var path = Path.Combine(entryFolder, FileName);
        if (!File.Exists(path))
            return $"{FileName} is missing";
        var expected = File.ReadAllText(path).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var actual = Compute(entryFolder).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var differing = expected.Except(actual).Concat(actual.Except(expected)).Select(l => l.Length > 66 ? l[66..] : l).Distinct().ToList();
        return differing.Count == 0 ? null : $"checksums differ for {string.Join(", ", differing.Take(3))}{(differing.Count > 3 ? $" and {differing.Count - 3} more" : "")}";
    }
}
