namespace SevStack.Engine.Caching;

/// <summary>Copies a file or a folder tree keeping permissions, modification times and symlinks (never followed).</summary>
internal static class TreeCopy
{
    public static void Copy(string source, string destination)
    {
        var info = new FileInfo(source);
        if (info.LinkTarget is { } link)
            File.CreateSymbolicLink(destination, link);
        else if (Directory.Exists(source))
            CopyFolder(new DirectoryInfo(source), destination);
        else if (info.Exists)
            CopyFile(info, destination);
        else
            throw new FileNotFoundException($"{source} does not exist", source);
    }

    static void CopyFolder(DirectoryInfo source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var entry in source.EnumerateFileSystemInfos())
            Copy(entry.FullName, Path.Combine(destination, entry.Name));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(destination, source.UnixFileMode);
        Directory.SetLastWriteTimeUtc(destination, source.LastWriteTimeUtc);
    }

    static void CopyFile(FileInfo source, string destination)
    {
        source.CopyTo(destination);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(destination, source.UnixFileMode);
        File.SetLastWriteTimeUtc(destination, source.LastWriteTimeUtc);
    }

    /// <summary>Deletes a file, a symlink (not its target) or a folder tree; nothing if it is absent.</summary>
    public static void Delete(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null || info.Exists)
            info.Delete();
        else if (Directory.Exists(path))
            Directory.Delete(path, recursive: true);
    }

    public static bool Exists(string path) => File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null;
}
