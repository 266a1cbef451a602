namespace SevStack.Engine.Tests.Caching;

/// <summary>A folder tree as text: each path with its kind, mode and content or link target, to compare two trees.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class Tree
{
    public static string Describe(string root) =>
        string.Join('\n', new DirectoryInfo(root).EnumerateFileSystemInfos("*", SearchOption.AllDirectories)
            .OrderBy(e => e.FullName, StringComparer.Ordinal)
            .Select(e => $"{Path.GetRelativePath(root, e.FullName)} {Convert.ToString((int)e.UnixFileMode, 8)} " + e switch
            {
                { LinkTarget: { } link } => "-> " + link,
                DirectoryInfo => "dir",
                _ => File.ReadAllText(e.FullName),
            }));
}
