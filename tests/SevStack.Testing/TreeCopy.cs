namespace SevStack.Testing;

/// <summary>Copies a fixture tree, keeping file modes (fixture scripts stay executable).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public static class TreeCopy
{
    public static string Copy(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories).Prepend(from))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            File.Copy(file, target, overwrite: true);
            File.SetUnixFileMode(target, File.GetUnixFileMode(file));
        }
        return to;
    }
}
