namespace SevStack.Testing;

/// <summary>Copies a fixture tree, keeping file modes (fixture scripts stay executable).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public static class TreeCopy
{
    /// <param name="leaveOut">files not to copy, e.g. a live cache's lock files, which another run may hold.</param>
    public static string Copy(string from, string to, Func<string, bool>? leaveOut = null)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories).Prepend(from))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories).Where(f => leaveOut?.Invoke(f) != true))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            File.Copy(file, target, overwrite: true);
            File.SetUnixFileMode(target, File.GetUnixFileMode(file));
        }
        return to;
    }
}
