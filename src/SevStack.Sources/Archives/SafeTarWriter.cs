using System.Formats.Tar;
using SevStack.Toolkit;

namespace SevStack.Sources.Archives;

/// <summary>
/// Writes tar entries below a root folder. Names are normalised lexically and may not leave the root;
/// nothing is written through a symlink; symlinks are created last, and only when their target, followed
/// through the archive's other symlinks, stays inside the root. Hardlinks become copies of files already written.
/// </summary>
internal sealed class SafeTarWriter(string root, string archiveName)
{
    const UnixFileMode PermissionBits = (UnixFileMode)0x1FF;
    readonly Dictionary<string, string> symlinks = new(StringComparer.Ordinal);
    readonly List<(string Path, UnixFileMode Mode)> directories = [];

    public ExtractedArchive WriteAll(Stream tarStream, CancellationToken cancellationToken)
    {
        var files = 0;
        DateTimeOffset? newest = null;
        using var reader = new TarReader(tarStream);
        while (reader.GetNextEntry() is { } entry)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (entry.EntryType is TarEntryType.GlobalExtendedAttributes or TarEntryType.ExtendedAttributes)
                continue;
            var relative = Normalise(entry.Name, entry.Name);
            if (relative.Length == 0)
                continue;
            RefuseWritingThroughSymlink(relative, entry.Name);
            var full = Path.Combine(root, relative);
            if (newest is null || entry.ModificationTime > newest)
                newest = entry.ModificationTime;
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    Directory.CreateDirectory(full);
                    directories.Add((full, entry.Mode & PermissionBits));
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    WriteFile(entry, full);
                    files++;
                    break;
                case TarEntryType.SymbolicLink:
                    if (!symlinks.TryAdd(relative, entry.LinkName))
                        throw Refuse(entry.Name, "appears twice as a symlink");
                    break;
                case TarEntryType.HardLink:
                    CopyHardLink(entry, full);
                    files++;
                    break;
                default:
                    throw Refuse(entry.Name, $"is a {entry.EntryType} entry, which a source archive should not contain");
            }
        }
        CreateSymlinks();
        if (!OperatingSystem.IsWindows())
            foreach (var (path, mode) in directories)
                File.SetUnixFileMode(path, mode | UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new ExtractedArchive(files, newest);
    }

    void WriteFile(TarEntry entry, string full)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        if (Path.Exists(full))
            File.Delete(full);
        using (var output = new FileStream(full, FileMode.CreateNew, FileAccess.Write))
            entry.DataStream?.CopyTo(output);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(full, (entry.Mode & PermissionBits) | UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.SetLastWriteTimeUtc(full, entry.ModificationTime.UtcDateTime);
    }

    void CopyHardLink(TarEntry entry, string full)
    {
        var target = Normalise(entry.LinkName, entry.Name);
        RefuseWritingThroughSymlink(target, entry.Name);
        var source = Path.Combine(root, target);
        if (!File.Exists(source))
            throw Refuse(entry.Name, $"is a hardlink to '{entry.LinkName}', which is not a file earlier in the archive");
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.Copy(source, full, overwrite: true);
    }

    void CreateSymlinks()
    {
        foreach (var (link, target) in symlinks)
        {
            if (target.StartsWith('/'))
                throw Refuse(link, $"is a symlink to the absolute path '{target}'");
            if (!StaysInside(link, target))
                throw Refuse(link, $"is a symlink to '{target}', which leads outside the destination");
            var full = Path.Combine(root, link);
            if (Path.Exists(full) || new FileInfo(full).LinkTarget is not null)
                throw Refuse(link, "is a symlink with the same name as another entry");
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.CreateSymbolicLink(full, target);
        }
    }

    /// <summary>Follows <paramref name="target"/> from the link's folder through the archive's own symlinks, as the kernel would.</summary>
    bool StaysInside(string link, string target)
    {
        var pending = new List<string>(Split(Path.GetDirectoryName(link) ?? ""));
        pending.AddRange(Split(target));
        var resolved = new List<string>();
        var hops = 0;
        while (pending.Count > 0)
        {
            var part = pending[0];
            pending.RemoveAt(0);
            if (part is "" or ".")
                continue;
            if (part == "..")
            {
                if (resolved.Count == 0)
                    return false;
                resolved.RemoveAt(resolved.Count - 1);
                continue;
            }
            resolved.Add(part);
            if (symlinks.TryGetValue(string.Join('/', resolved), out var next))
            {
                if (++hops > 40 || next.StartsWith('/'))
                    return false;
                resolved.RemoveAt(resolved.Count - 1);
                pending.InsertRange(0, Split(next));
            }
        }
        return true;
    }

    void RefuseWritingThroughSymlink(string relative, string entryName)
    {
        var parts = Split(relative);
        for (var i = 1; i < parts.Length; i++)
            if (symlinks.ContainsKey(string.Join('/', parts[..i])))
                throw Refuse(entryName, $"would be written through the symlink '{string.Join('/', parts[..i])}'");
    }

    /// <summary>Lexically normalises an archive path; a path that is absolute or climbs above the root is refused.</summary>
    string Normalise(string name, string entryName)
    {
        if (name.StartsWith('/'))
            throw Refuse(entryName, $"has the absolute path '{name}'");
        if (name.Contains('\0'))
            throw Refuse(entryName, "has a NUL character in its name");
        var parts = new List<string>();
        foreach (var part in Split(name))
        {
            if (part is "" or ".")
                continue;
            if (part == "..")
            {
                if (parts.Count == 0)
                    throw Refuse(entryName, $"'{name}' would land outside the destination");
                parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(part);
        }
        return string.Join('/', parts);
    }

    static string[] Split(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    BuildException Refuse(string entryName, string problem) =>
        new($"refusing to extract {archiveName}: entry '{entryName}' {problem}; the archive is unsafe or damaged, nothing was extracted");
}
