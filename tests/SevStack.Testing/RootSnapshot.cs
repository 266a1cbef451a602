using System.Runtime.Versioning;
using System.Security.Cryptography;

namespace SevStack.Testing;

/// <summary>Every path of a root with a content hash (files), link target (symlinks) or mode (folders); apt/dpkg logs and caches left out.</summary>
[SupportedOSPlatform("linux")]
public sealed record RootSnapshot(IReadOnlyDictionary<string, string> Entries)
{
    static readonly string[] Excluded = ["/var/cache", "/var/lib/apt/lists", "/var/log"];
    static readonly string[] ExcludedFiles = ["/var/lib/dpkg/status-old", "/var/lib/dpkg/diversions-old", "/var/lib/dpkg/statoverride-old"];

    /// <param name="contentOnly">Compare file contents by hash (for a root restored from backups, whose times differ);
    /// otherwise size, modification time and mode, which any write changes and which is much faster.</param>
    public static RootSnapshot Take(string root, bool contentOnly = true)
    {
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Walk(root, root, entries, contentOnly);
        return new RootSnapshot(entries);
    }

    static void Walk(string root, string folder, SortedDictionary<string, string> entries, bool contentOnly)
    {
        foreach (var full in Directory.EnumerateFileSystemEntries(folder, "*", new EnumerationOptions { AttributesToSkip = 0 }))
        {
            var path = full[root.Length..];
            if (Excluded.Any(e => path == e || path.StartsWith(e + "/", StringComparison.Ordinal)) || ExcludedFiles.Contains(path))
                continue;
            var info = new FileInfo(full);
            if (info.LinkTarget is { } target)
                entries[path] = "-> " + target;
            else if (info.Attributes.HasFlag(FileAttributes.Directory))
            {
                entries[path] = "dir " + File.GetUnixFileMode(full);
                if (path is not ("/dev" or "/proc" or "/sys"))
                    Walk(root, full, entries, contentOnly);
            }
            else
                entries[path] = contentOnly ? Hash(full) : $"{info.Length} {info.LastWriteTimeUtc.Ticks} {File.GetUnixFileMode(full)}";
        }
    }

    /// <summary>The differences as readable lines; empty when equal.</summary>
    public IReadOnlyList<string> Differences(RootSnapshot other) =>
        Entries.Keys.Union(other.Entries.Keys).Order(StringComparer.Ordinal)
            .Where(k => Entries.GetValueOrDefault(k) != other.Entries.GetValueOrDefault(k))
            .Select(k => $"{k}: {Entries.GetValueOrDefault(k) ?? "(absent)"} => {other.Entries.GetValueOrDefault(k) ?? "(absent)"}")
            .ToList();

    static string Hash(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (IOException e)
        {
            return "unreadable " + e.GetType().Name;
        }
    }
}
