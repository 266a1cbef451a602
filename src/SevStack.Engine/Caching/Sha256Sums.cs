using System.Text;

namespace SevStack.Engine.Caching;

/// <summary>
/// The <c>SHA256SUMS</c> of an entry's <c>outputs/</c>: after a format line, one line per file, folder and symlink in
/// ordinal path order, <c>&lt;sha256&gt; &lt;kind&gt; &lt;mode&gt; &lt;path&gt;</c>. A symlink's hash is that of its
/// target text; a folder has <c>-</c> for its hash, so an empty folder is listed too; modes are octal (<c>-</c> for a
/// symlink). Verifying compares the whole listing: changed, missing and extra paths and changed modes all show.
/// </summary>
internal static class Sha256Sums
{
    public const string FileName = "SHA256SUMS";

    /// <summary>The first line; a list without it was written by an older SevStack (content hashes only).</summary>
    public const string FormatLine = "# sevstack cache checksums 2: sha256 kind mode path";

    public static string Compute(string entryFolder)
    {
        var outputs = Path.Combine(entryFolder, CacheEntry.OutputsFolder);
        var lines = new List<(string Path, string Line)>();
        if (Directory.Exists(outputs))
            Collect(new DirectoryInfo(outputs), entryFolder, lines);
        var text = new StringBuilder(FormatLine).Append('\n');
        foreach (var (_, line) in lines.OrderBy(l => l.Path, StringComparer.Ordinal))
            text.Append(line).Append('\n');
        return text.ToString();
    }

    static void Collect(DirectoryInfo folder, string root, List<(string, string)> lines)
    {
        foreach (var entry in folder.EnumerateFileSystemInfos())
        {
            var relative = Escape(Path.GetRelativePath(root, entry.FullName).Replace('\\', '/'));
            if (entry.LinkTarget is { } link)
                lines.Add((relative, $"{FileHashes.Sha256Text(link)} link - {relative}"));
            else if (entry is DirectoryInfo sub)
            {
                lines.Add((relative, $"- dir {Mode(sub)} {relative}"));
                Collect(sub, root, lines);
            }
            else
                lines.Add((relative, $"{FileHashes.Sha256(entry.FullName)} file {Mode(entry)} {relative}"));
        }
    }

    static string Mode(FileSystemInfo entry) =>
        OperatingSystem.IsWindows() ? "-" : Convert.ToString((int)entry.UnixFileMode, 8).PadLeft(4, '0');

    /// <summary>A path on one line: backslashes and line breaks escaped.</summary>
    static string Escape(string path) => path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>True when the entry's list exists but predates <see cref="FormatLine"/> (modes and folders not covered).</summary>
    public static bool IsOlderFormat(string entryFolder)
    {
        var path = Path.Combine(entryFolder, FileName);
        if (!File.Exists(path))
            return false;
        using var reader = new StreamReader(path);
        return reader.ReadLine() != FormatLine;
    }

    /// <summary>
    /// Re-verifies an entry whose list an older SevStack wrote (<c>sha256sum</c> lines of files and symlinks) and, when
    /// every content hash matches, replaces the list with one in the current format. Null on success, else what is wrong.
    /// </summary>
    public static string? UpgradeOlderFormat(string entryFolder)
    {
        var path = Path.Combine(entryFolder, FileName);
        var expected = File.ReadAllText(path).Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToList();
        var current = Compute(entryFolder).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => line.Split(' ', 4))
            .Where(fields => fields[1] != "dir")
            .Select(fields => $"{fields[0]}  {fields[3]}")
            .Order(StringComparer.Ordinal).ToList();
        if (!expected.SequenceEqual(current))
            return $"its {FileName} of the older format does not match its outputs";
        Toolkit.Files.AtomicFile.WriteAllText(path, Compute(entryFolder));
        return null;
    }

    /// <summary>Null when the entry matches its list, else what is wrong.</summary>
    public static string? Verify(string entryFolder)
    {
        var path = Path.Combine(entryFolder, FileName);
        if (!File.Exists(path))
            return $"{FileName} is missing";
        var expected = File.ReadAllText(path).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var actual = Compute(entryFolder).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var differing = expected.Except(actual).Concat(actual.Except(expected)).Select(PathOf).Distinct().ToList();
        return differing.Count == 0 ? null : $"checksums differ for {string.Join(", ", differing.Take(3))}{(differing.Count > 3 ? $" and {differing.Count - 3} more" : "")}";
    }

    /// <summary>One line of the list: hash (<c>-</c> for a folder), kind (file, dir, link), octal mode (<c>-</c> for a link), path.</summary>
    public sealed record Line(string Hash, string Kind, string Mode, string Path);

    /// <summary>The lines of a list in the current format, paths unescaped.</summary>
    /// <exception cref="InvalidDataException">The text is not a list of the current format.</exception>
    public static IReadOnlyList<Line> Parse(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0 || lines[0] != FormatLine)
            throw new InvalidDataException($"its {FileName} does not start with \"{FormatLine}\"");
        return lines.Skip(1).Select(line => line.Split(' ', 4) is [var hash, var kind, var mode, var path] && kind is "file" or "dir" or "link"
                ? new Line(hash, kind, mode, Unescape(path))
                : throw new InvalidDataException($"its {FileName} has a malformed line: {line[..Math.Min(line.Length, 80)]}"))
            .ToList();
    }

    static string Unescape(string path)
    {
        var text = new StringBuilder(path.Length);
        for (var i = 0; i < path.Length; i++)
            text.Append(path[i] == '\\' && i + 1 < path.Length ? path[++i] switch { 'n' => '\n', var c => c } : path[i]);
        return text.ToString();
    }

    static string PathOf(string line) => line.Split(' ', 4) is [_, _, _, var path] ? path : line;
}
