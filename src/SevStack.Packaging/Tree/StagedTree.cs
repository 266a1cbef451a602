using SevStack.Toolkit;
using SevStack.Packaging.Inputs;

namespace SevStack.Packaging.Tree;

/// <summary>A DESTDIR-style install tree, read and checked against the rules of what our packages may ship.</summary>
public sealed class StagedTree
{
    StagedTree(string root, IReadOnlyList<StagedEntry> entries)
    {
        Root = root;
        Entries = entries;
    }

    public string Root { get; }

    /// <summary>Every directory, file and link below the root, in ordinal path order.</summary>
    public IReadOnlyList<StagedEntry> Entries { get; }

    public IEnumerable<StagedEntry> Files => Entries.Where(e => e.Kind != StagedEntryKind.Directory);

    public static StagedTree Load(string packageName, string root, InstallPrefix prefix)
    {
        var fullRoot = Path.GetFullPath(root);
        if (!Directory.Exists(fullRoot))
            throw new BuildException($"Staged tree of package {packageName} not found at {fullRoot}: run the component build first (it installs there with DESTDIR).");

        var entries = new List<StagedEntry>();
        Walk(fullRoot, fullRoot, entries);
        entries.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));

        if (!entries.Any(e => e.Kind != StagedEntryKind.Directory))
            throw new BuildException($"Staged tree of package {packageName} at {fullRoot} contains no files: the component build installed nothing there.");
        foreach (var entry in entries.Where(e => e.Kind != StagedEntryKind.Directory))
            CheckPlacement(packageName, fullRoot, prefix, entry);
        return new StagedTree(fullRoot, entries);
    }

    static void CheckPlacement(string packageName, string root, InstallPrefix prefix, StagedEntry entry)
    {
        var path = entry.InstalledPath;
        if (!prefix.Contains(path) && !path.StartsWith("/etc/", StringComparison.Ordinal))
            throw new BuildException($"Package {packageName} would install {path}, outside the prefix {prefix} (staged in {root}): install the component with --prefix={prefix}.");
        if (DistributionFiles.IsOwned(path))
            throw new BuildException($"Package {packageName} would install {path}, which Debian's qemu/ovmf packages own (staged in {root}): move it below {prefix}.");
    }

    static void Walk(string root, string directory, List<StagedEntry> entries)
    {
        foreach (var info in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            var relative = Path.GetRelativePath(root, info.FullName).Replace('\\', '/');
            if (info.LinkTarget is { } target)
                entries.Add(new StagedEntry(relative, StagedEntryKind.SymbolicLink, target));
            else if (info is DirectoryInfo)
            {
                entries.Add(new StagedEntry(relative, StagedEntryKind.Directory, null));
                Walk(root, info.FullName, entries);
            }
            else
                entries.Add(new StagedEntry(relative, StagedEntryKind.File, null));
        }
    }
}
