using System.Formats.Tar;
using SevStack.Toolkit;

namespace SevStack.Sources.Archives;

/// <summary>One entry of a tar archive as stored: its name and, for a symbolic or hard link, its target.</summary>
public sealed record ArchiveEntry(string Name, string? LinkTarget, bool IsHardLink);

/// <summary>Lists a tar archive (any compression <see cref="ArchiveExtractor"/> reads) without extracting it, to vet it first.</summary>
public static class ArchiveListing
{
    public static IReadOnlyList<ArchiveEntry> Read(string archivePath, CancellationToken cancellationToken = default)
    {
        var entries = new List<ArchiveEntry>();
        try
        {
            using var input = File.OpenRead(archivePath);
            using var tar = Decompression.Open(input, archivePath);
            using var reader = new TarReader(tar);
            while (reader.GetNextEntry(copyData: false) is { } entry)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (entry.EntryType is TarEntryType.GlobalExtendedAttributes or TarEntryType.ExtendedAttributes)
                    continue;
                var isLink = entry.EntryType is TarEntryType.SymbolicLink or TarEntryType.HardLink;
                entries.Add(new ArchiveEntry(entry.Name, isLink ? entry.LinkName : null, entry.EntryType == TarEntryType.HardLink));
            }
        }
        catch (Exception e) when (Decompression.IsDamage(e))
        {
            throw new BuildException($"archive {archivePath} is damaged or not a tar archive ({e.Message}); delete it and download it again");
        }
        return entries;
    }
}
