namespace SevStack.Kata.Release;

/// <summary>
/// Checks that a kata-static tarball, unpacked at "/", writes only below <c>/opt/kata</c>: no entry path, and no
/// link target, may resolve outside it (the job of upstream's assert-tarball-host-safe.sh).
/// </summary>
public static class TarballContainment
{
    public const string KataPrefix = "/opt/kata";

    /// <returns>One line per offending entry; empty when the tarball is safe to unpack at /.</returns>
    public static IReadOnlyList<string> Problems(IEnumerable<TarballEntry> entries, string prefix = KataPrefix)
    {
        var problems = new List<string>();
        foreach (var entry in entries)
        {
            if (Resolve("/", entry.Path) is not { } target)
            {
                problems.Add($"{entry.Path}: climbs above the root");
                continue;
            }
            if (!IsAncestorOrSame(target, prefix) && !IsInside(target, prefix))
            {
                problems.Add($"{entry.Path}: lands at {target}, outside {prefix}");
                continue;
            }
            if (entry.LinkTarget is not { } link)
                continue;
            var from = entry.IsHardLink ? "/" : ParentOf(target);
            var linkTarget = Resolve(from, link);
            if (linkTarget is null || !IsInside(linkTarget, prefix) && linkTarget != prefix)
                problems.Add($"{entry.Path}: links to {link}, which resolves to {linkTarget ?? "above the root"}, outside {prefix}");
        }
        return problems;
    }

    /// <summary>Normalises <paramref name="path"/> relative to the folder <paramref name="from"/>; null if ".." climbs above "/".</summary>
    static string? Resolve(string from, string path)
    {
        var parts = new List<string>();
        var start = path.StartsWith('/') ? "" : from;
        foreach (var part in (start + "/" + path).Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
                continue;
            if (part == "..")
            {
                if (parts.Count == 0)
                    return null;
                parts.RemoveAt(parts.Count - 1);
            }
            else
                parts.Add(part);
        }
        return "/" + string.Join('/', parts);
    }

    static string ParentOf(string path) => path.LastIndexOf('/') is var i and > 0 ? path[..i] : "/";

    static bool IsInside(string path, string folder) => path.StartsWith(folder + "/", StringComparison.Ordinal);

    /// <summary>The folders leading to the prefix ("/", "/opt", "/opt/kata") are listed in tarballs as directory entries.</summary>
    static bool IsAncestorOrSame(string path, string folder) =>
        path == folder || path == "/" || folder.StartsWith(path + "/", StringComparison.Ordinal);
}
