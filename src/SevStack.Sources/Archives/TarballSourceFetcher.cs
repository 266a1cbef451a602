using SevStack.Toolkit;
using SevStack.Engine.Caching;
using SevStack.Sources.Identity;
using SevStack.Sources.Locking;
using SevStack.Sources.Specs;

namespace SevStack.Sources.Archives;

/// <summary>Tarball sources: download (or read the local file), verify, check the lock, extract, patch with patch -p1.</summary>
internal static class TarballSourceFetcher
{
    public static async Task<FetchedSource> FetchAsync(FetchContext context, TarballSourceSpec spec, HttpClient http, CancellationToken cancellationToken)
    {
        var pinned = spec.Sha256 ?? context.LockedFor(spec.Text)?.Resolved;
        string archive;
        string sha256;
        if (spec.IsLocalFile)
        {
            archive = spec.Url.LocalPath;
            if (!File.Exists(archive))
                throw new BuildException($"{context.Component}: tarball {archive} does not exist; check the file:// path");
            sha256 = await FileHashes.Sha256Async(archive, cancellationToken);
            if (spec.Sha256 is not null && sha256 != spec.Sha256)
                throw new BuildException($"sha256 mismatch for {archive}: expected {spec.Sha256}, got {sha256}; check the pin or the file");
        }
        else
        {
            var folder = Path.Combine(Path.GetFullPath(context.Layout.CacheDirectory), "downloads", pinned ?? FileHashes.Sha256Text(spec.Url.AbsoluteUri)[..16]);
            archive = Path.Combine(folder, spec.FileName);
            if (context.Runner.IsDryRun && !File.Exists(archive))
            {
                context.Log.Info($"would download {spec.Url} to {archive} and extract it into {context.WorkTree}");
                return new FetchedSource(context.WorkTree, new SourceIdentity(spec.Kind, spec.Url.GetLeftPart(UriPartial.Query), pinned ?? "(not downloaded)", null, context.Patches.Identities, null));
            }
            sha256 = await new Downloader(context.Log, http).DownloadAsync(spec.Url, archive, pinned, context.Options.AllowUnpinned || pinned is not null, cancellationToken);
        }
        context.VerifyLock(new LockEntry(spec.Text, spec.Kind, sha256));

        var url = spec.Url.GetLeftPart(UriPartial.Query);
        var identity = new SourceIdentity(spec.Kind, url, sha256, null, context.Patches.Identities, null);
        if (context.UpToDateStamp(identity) is { } stamp)
        {
            context.Log.Info($"{context.Component}: {context.WorkTree} is already extracted from {spec.FileName}");
            return new FetchedSource(context.WorkTree, identity with { SourceDate = stamp.SourceDateEpoch is { } s ? DateTimeOffset.FromUnixTimeSeconds(s) : null });
        }
        if (await context.TrySwitchPatchSeriesAsync(identity, cancellationToken) is { } previous)
        {
            identity = identity with { SourceDate = previous.SourceDateEpoch is { } s ? DateTimeOffset.FromUnixTimeSeconds(s) : null };
            if (!context.Runner.IsDryRun)
                context.RecordExtractedTree(identity);
            return new FetchedSource(context.WorkTree, identity);
        }
        if (context.Runner.IsDryRun)
        {
            context.Log.Info($"would extract {archive} into {context.WorkTree} and apply {context.Patches.Patches.Count} patches");
            return new FetchedSource(context.WorkTree, identity);
        }
        ExtractedArchive? extracted = null;
        await context.ReplaceWithPatchedTreeAsync(tree =>
        {
            extracted = new ArchiveExtractor(context.Log).Extract(archive, tree, stripSingleTopFolder: true, cancellationToken);
            return Task.CompletedTask;
        }, cancellationToken);
        // A tarball has no commit date: its newest entry is the closest thing.
        identity = identity with { SourceDate = extracted!.NewestEntry };
        context.RecordExtractedTree(identity);
        return new FetchedSource(context.WorkTree, identity);
    }
}
