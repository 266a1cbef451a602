using SevStack.Toolkit;
using SevStack.Toolkit.Processes;
using SevStack.Kata.Staging;
using SevStack.Sources.Archives;
using SevStack.Sources.Identity;

namespace SevStack.Kata.Release;

/// <summary>
/// Kata 3.x from its official static release: finds the tarball and its sha256 on GitHub, downloads it into the
/// source cache (verified, resumable, kept for the next run), refuses it when any entry would land outside
/// /opt/kata, and extracts it as a staging tree.
/// </summary>
public sealed class KataReleaseStager(IBuildLog log, HttpClient http)
{
    /// <param name="downloadsDirectory">Downloads are kept in &lt;this&gt;/&lt;sha256&gt;/&lt;tarball name&gt;, as other tarball sources are.</param>
    /// <param name="stagingRoot">Replaced by the extracted tree (entries keep their opt/kata/... paths).</param>
    /// <returns>The staging, or null in a dry run (nothing is downloaded or extracted).</returns>
    public async Task<KataStaging?> StageAsync(KataReleaseFinder finder, string? version, string downloadsDirectory, string stagingRoot,
        bool dryRun = false, CancellationToken cancellationToken = default)
    {
        var release = await finder.FindAsync(version, cancellationToken: cancellationToken);
        var archive = Path.Combine(Path.GetFullPath(downloadsDirectory), release.Sha256, release.TarballName);
        if (dryRun)
        {
            log.Info($"would download {release.TarballUrl} to {archive} (sha256 {release.Sha256}), check that it stays inside {KataStaging.Prefix}, and extract it into {stagingRoot}");
            return null;
        }
        await new Downloader(log, http).DownloadAsync(release.TarballUrl, archive, release.Sha256, cancellationToken: cancellationToken);
        RefuseEscapingEntries(archive, release.TarballName, cancellationToken);

        if (Directory.Exists(stagingRoot))
            Directory.Delete(stagingRoot, recursive: true);
        var extracted = new ArchiveExtractor(log).Extract(archive, stagingRoot, stripSingleTopFolder: false, cancellationToken);
        var staging = new KataStaging(Path.GetFullPath(stagingRoot), release.Version, KataGeneration.V3,
            new SourceIdentity("tarball", release.TarballUrl.AbsoluteUri, release.Sha256, null, [], extracted.NewestEntry));
        if (!Directory.Exists(staging.PrefixFolder))
            throw new BuildException($"{release.TarballName} holds nothing under {KataStaging.Prefix} (extracted into {stagingRoot}); it is not a Kata static release, pick another --kata-version");
        log.Info($"Kata {release.Version}: {extracted.Files} files staged under {staging.PrefixFolder}");
        return staging;
    }

    static void RefuseEscapingEntries(string archive, string tarballName, CancellationToken cancellationToken)
    {
        var entries = ArchiveListing.Read(archive, cancellationToken).Select(e => new TarballEntry(e.Name, e.LinkTarget, e.IsHardLink));
        var problems = TarballContainment.Problems(entries);
        if (problems.Count == 0)
            return;
        var more = problems.Count > 1 ? $" (and {problems.Count - 1} more)" : "";
        throw new BuildException($"{tarballName} would write outside {KataStaging.Prefix}: entry {problems[0]}{more}; nothing was extracted. A Kata static release keeps everything below {KataStaging.Prefix}: this tarball is not one, or it was altered");
    }
}
