using SevStack.Toolkit;

namespace SevStack.Host;

/// <summary>
/// Resolves a path of the target system inside a root folder the way the kernel does after <c>chroot</c> (or
/// <c>openat2</c> with <c>RESOLVE_IN_ROOT</c>): every symbolic link on the way, the last part included, is followed
/// with an absolute target taken from the root and <c>..</c> stopping at the root, so the result never leaves it.
/// </summary>
internal static class InRootResolver
{
    /// <summary>Linux's own limit of links followed in one lookup (ELOOP).</summary>
    const int MaxLinks = 40;

    public static string Resolve(string root, string absolutePath)
    {
        var pending = new Stack<string>(Parts(absolutePath).Reverse());
        var resolved = new List<string>();
        var linksFollowed = 0;
        while (pending.TryPop(out var part))
        {
            if (part == "..")
            {
                if (resolved.Count > 0) resolved.RemoveAt(resolved.Count - 1);
                continue;
            }
            var candidate = Join(root, resolved) + "/" + part;
            if (new FileInfo(candidate).LinkTarget is not { } target)
            {
                resolved.Add(part);
                continue;
            }
            if (++linksFollowed > MaxLinks)
                throw new BuildException($"{root}{absolutePath} goes through more than {MaxLinks} symbolic links (a loop?); fix the links in {root}");
            if (target.StartsWith('/'))
                resolved.Clear();
            foreach (var next in Parts(target).Reverse())
                pending.Push(next);
        }
        return Join(root, resolved) is { Length: > 0 } path ? path : "/";
    }

    static IEnumerable<string> Parts(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".");

    static string Join(string root, List<string> parts) => (root == "/" ? "" : root) + string.Concat(parts.Select(p => "/" + p));
}
