namespace SevStack.Components.BuildRoots;

/// <summary>Folders bound into a build root: each once, and none inside another that is bound already.</summary>
public static class SharedFolders
{
    public static IReadOnlyList<string> Outermost(IEnumerable<string> folders)
    {
        var full = folders.Select(f => Path.TrimEndingDirectorySeparator(Path.GetFullPath(f))).Distinct(StringComparer.Ordinal).OrderBy(f => f.Length).ToList();
        return full.Where((folder, i) => !full.Take(i).Any(outer => folder.StartsWith(outer + "/", StringComparison.Ordinal))).ToList();
    }
}
