namespace SevStack.Packaging.Tree;

/// <summary>The folder dpkg-deb packs: a copy of the staged tree plus our docs and DEBIAN/, with normalised modes and times.</summary>
public sealed class PackageRoot
{
    public PackageRoot(string path) => Path = path;

    public string Path { get; }
    public string ControlDirectory => System.IO.Path.Combine(Path, "DEBIAN");

    public string Full(string relativePath) => System.IO.Path.Combine(Path, relativePath);

    /// <summary>Copies the tree entry by entry: files by content, links as links, so nothing outside the tree leaks in.</summary>
    public void CopyFrom(StagedTree tree)
    {
        Directory.CreateDirectory(Path);
        foreach (var entry in tree.Entries)
        {
            var target = Full(entry.RelativePath);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            switch (entry.Kind)
            {
                case StagedEntryKind.Directory:
                    Directory.CreateDirectory(target);
                    break;
                case StagedEntryKind.SymbolicLink:
                    File.CreateSymbolicLink(target, entry.LinkTarget!);
                    break;
                default:
                    File.Copy(System.IO.Path.Combine(tree.Root, entry.RelativePath), target);
                    break;
            }
        }
    }

    /// <summary>Relative paths of every regular file (not links) outside DEBIAN/, in ordinal order.</summary>
    public IReadOnlyList<string> RegularFiles() => Walk()
        .Where(p => !IsLink(Full(p)) && File.Exists(Full(p)))
        .ToList();

    /// <summary>Relative paths of everything outside DEBIAN/, in ordinal order.</summary>
    public IReadOnlyList<string> Walk()
    {
        var result = new List<string>();
        void Recurse(string directory)
        {
            foreach (var info in new DirectoryInfo(directory).EnumerateFileSystemInfos())
            {
                var relative = System.IO.Path.GetRelativePath(Path, info.FullName);
                if (relative == "DEBIAN")
                    continue;
                result.Add(relative);
                if (info is DirectoryInfo && info.LinkTarget is null)
                    Recurse(info.FullName);
            }
        }
        Recurse(Path);
        result.Sort(string.CompareOrdinal);
        return result;
    }

    /// <summary>Directories 0755; files 0755 when any execute bit was set, else 0644 (no setuid, no group/world write); all times set to the source date.</summary>
    public void Normalise(DateTimeOffset sourceDate)
    {
        var entries = Walk();
        foreach (var relative in entries)
        {
            var full = Full(relative);
            if (IsLink(full))
                continue;
            if (Directory.Exists(full))
                File.SetUnixFileMode(full, DirectoryMode);
            else
            {
                var executable = (File.GetUnixFileMode(full) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
                File.SetUnixFileMode(full, executable ? ExecutableMode : DataMode);
                File.SetLastWriteTimeUtc(full, sourceDate.UtcDateTime);
            }
        }
        // Directories last and deepest first: creating or touching children changes a directory's mtime.
        foreach (var relative in entries.Where(e => Directory.Exists(Full(e)) && !IsLink(Full(e))).OrderByDescending(e => e.Length))
            Directory.SetLastWriteTimeUtc(Full(relative), sourceDate.UtcDateTime);
        File.SetUnixFileMode(Path, DirectoryMode);
        Directory.SetLastWriteTimeUtc(Path, sourceDate.UtcDateTime);
    }

    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    public const UnixFileMode ExecutableMode = DirectoryMode;

    public const UnixFileMode DataMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    static bool IsLink(string path) => new FileInfo(path).LinkTarget is not null;
}
