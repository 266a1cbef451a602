using System.Formats.Tar;
using SevStack.Toolkit;
using SevStack.Toolkit.Processes;

namespace SevStack.Sources.Archives;

/// <summary>What <see cref="ArchiveExtractor.Extract"/> wrote.</summary>
public sealed record ExtractedArchive(int Files, DateTimeOffset? NewestEntry);

/// <summary>
/// Extracts tar archives (plain, gzip, xz, bzip2, zstd; detected from the content) into a new folder.
/// Every entry, symlink and hardlink must stay inside the destination, or nothing is extracted.
/// Work happens in a sibling temporary folder that is renamed into place at the end.
/// </summary>
public sealed class ArchiveExtractor(IBuildLog log)
{
    static readonly string[] SupportedSuffixes = [".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".tbz2", ".tar.zst", ".tzst"];

    public static bool IsSupportedName(string fileName) =>
        SupportedSuffixes.Any(s => fileName.EndsWith(s, StringComparison.OrdinalIgnoreCase));

    /// <summary>Extracts <paramref name="archivePath"/> to <paramref name="destination"/>, which must not exist yet.</summary>
    /// <param name="stripSingleTopFolder">When the archive holds one top-level folder (qemu-9.1.0/...), its content becomes the destination.</param>
    /// <returns>How many files were written, and the newest entry time (a SOURCE_DATE_EPOCH candidate).</returns>
    public ExtractedArchive Extract(string archivePath, string destination, bool stripSingleTopFolder = true, CancellationToken cancellationToken = default)
    {
        destination = Path.GetFullPath(destination).TrimEnd('/');
        if (Path.Exists(destination))
            throw new BuildException($"cannot extract {archivePath}: {destination} already exists; remove it first");
        var parent = Path.GetDirectoryName(destination)!;
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(destination)}.extracting-{Environment.ProcessId}");
        if (Directory.Exists(staging))
            Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(staging);
        log.Info($"extracting {Path.GetFileName(archivePath)} into {destination}");
        try
        {
            ExtractedArchive result;
            using (var input = File.OpenRead(archivePath))
            using (var tar = Decompression.Open(input, archivePath))
                result = new SafeTarWriter(staging, archivePath).WriteAll(tar, cancellationToken);
            MoveIntoPlace(staging, destination, stripSingleTopFolder);
            log.Info($"extracted {result.Files} files from {Path.GetFileName(archivePath)}");
            return result;
        }
        catch (Exception e) when (Decompression.IsDamage(e))
        {
            throw new BuildException($"archive {archivePath} is damaged or not a tar archive ({e.Message}); delete it and download it again");
        }
        finally
        {
            if (Directory.Exists(staging))
                Directory.Delete(staging, recursive: true);
        }
    }

    static void MoveIntoPlace(string staging, string destination, bool stripSingleTopFolder)
    {
        var top = Directory.GetFileSystemEntries(staging);
        if (stripSingleTopFolder && top.Length == 1 && Directory.Exists(top[0]) && new DirectoryInfo(top[0]).LinkTarget is null)
            Directory.Move(top[0], destination);
        else
            Directory.Move(staging, destination);
    }
}
