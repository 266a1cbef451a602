using System.Text;
using SevStack.Engine.Caching;

namespace SevStack.Sources.Identity;

/// <summary>
/// A content hash of a folder: every file's relative path, executable bit and sha256, and every symlink's target,
/// in ordinal path order. Timestamps and owners are ignored.
/// </summary>
public static class TreeHash
{
    public static string Compute(string root)
    {
        var manifest = new StringBuilder();
        foreach (var path in Enumerate(root).Order(StringComparer.Ordinal))
        {
            var full = Path.Combine(root, path);
            var info = new FileInfo(full);
            if (info.LinkTarget is { } target)
                manifest.Append($"L {path} -> {target}\n");
            else if (Directory.Exists(full))
                manifest.Append($"D {path}\n");
            else
            {
                var executable = (info.UnixFileMode & UnixFileMode.UserExecute) != 0 ? "x" : "-";
                manifest.Append($"F {path} {executable} {FileHashes.Sha256(full)}\n");
            }
        }
        return FileHashes.Sha256Text(manifest.ToString());
    }

    static IEnumerable<string> Enumerate(string root)
    {
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
            {
                yield return Path.GetRelativePath(root, entry.FullName);
                if (entry is DirectoryInfo && entry.LinkTarget is null)
                    pending.Push(entry.FullName);
            }
        }
    }
}
