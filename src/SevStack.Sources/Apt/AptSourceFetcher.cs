using SevStack.Toolkit;
using SevStack.Toolkit.Processes;
using SevStack.Sources.Identity;
using SevStack.Sources.Locking;
using SevStack.Sources.Specs;

namespace SevStack.Sources.Apt;

/// <summary>apt sources: a Debian source package (apt-get source + dpkg-source), or the kernel's linux-source-&lt;ver&gt; tarball.</summary>
internal static class AptSourceFetcher
{
    public static async Task<FetchedSource> FetchAsync(FetchContext context, AptSourceSpec spec, CancellationToken cancellationToken)
    {
        var version = spec.Version ?? context.LockedFor(spec.Text)?.Version;
        if (spec.IsKernel)
            return await FetchKernelAsync(context, spec, version, cancellationToken);

        var packages = new AptSourcePackages(context.Options.AptRunner ?? context.Runner, context.Log, context.Options.Apt);
        AptSourceDownload download;
        try
        {
            download = await packages.DownloadAsync(spec.Package, version, context.Layout.CacheDirectory, cancellationToken);
        }
        catch (CommandFailedException e) when (spec.Version is null && version is not null)
        {
            throw new BuildException($"{context.Component}: {context.Lock.Path} pins {spec.Package} {version}, which apt cannot download any more " +
                $"({e.OutputTail.LastOrDefault()?.Trim() ?? $"exit {e.ExitCode}"}); run with --update-lock to move to the version the mirror has now");
        }
        download = download with { DscSha256 = context.ResolvedOrPinnedInDryRun(spec.Text, download.DscSha256, download.Version, $"the .dsc of {spec.Package}") };
        context.VerifyLock(new LockEntry(spec.Text, spec.Kind, download.DscSha256, download.Version));

        var identity = new SourceIdentity(spec.Kind, spec.Package, download.DscSha256, download.Version, context.Patches.Identities, null);
        if (context.UpToDateStamp(identity) is { } stamp)
        {
            context.Log.Info($"{context.Component}: {context.WorkTree} is already {spec.Package} {download.Version}");
            return new FetchedSource(context.WorkTree, identity with { SourceDate = FromEpoch(stamp.SourceDateEpoch) });
        }
        if (await context.TrySwitchPatchSeriesAsync(identity, cancellationToken) is null)
            await context.ReplaceWithPatchedTreeAsync(tree => packages.ExtractAsync(download, tree, cancellationToken), cancellationToken);
        if (context.Runner.IsDryRun)
            return new FetchedSource(context.WorkTree, identity);
        identity = identity with { SourceDate = DebianChangelog.NewestDate(Path.Combine(context.WorkTree, "debian", "changelog")) };
        context.RecordExtractedTree(identity);
        return new FetchedSource(context.WorkTree, identity);
    }

    static async Task<FetchedSource> FetchKernelAsync(FetchContext context, AptSourceSpec spec, string? version, CancellationToken cancellationToken)
    {
        var apt = context.Options.Apt;
        var kernel = new KernelSourcePackage(context.Options.AptRunner ?? context.Runner, context.Log, apt);
        var tarball = await kernel.DownloadAsync(version, context.Layout.CacheDirectory, cancellationToken);
        tarball = tarball with { Sha256 = context.ResolvedOrPinnedInDryRun(spec.Text, tarball.Sha256, tarball.Version, $"the tarball of {tarball.Package}") };
        context.VerifyLock(new LockEntry(spec.Text, spec.Kind, tarball.Sha256, tarball.Version));

        var identity = new SourceIdentity(spec.Kind, tarball.Package, tarball.Sha256, tarball.Version, context.Patches.Identities, tarball.ChangelogDate);
        if (context.UpToDateStamp(identity) is not null)
        {
            context.Log.Info($"{context.Component}: {context.WorkTree} is already {tarball.Package} {tarball.Version}");
            return new FetchedSource(context.WorkTree, identity);
        }
        if (await context.TrySwitchPatchSeriesAsync(identity, cancellationToken) is null)
            await context.ReplaceWithPatchedTreeAsync(tree => kernel.ExtractAsync(tarball, tree, cancellationToken), cancellationToken);
        if (context.Runner.IsDryRun)
            return new FetchedSource(context.WorkTree, identity);
        context.RecordExtractedTree(identity);
        return new FetchedSource(context.WorkTree, identity);
    }

    static DateTimeOffset? FromEpoch(long? seconds) => seconds is { } s ? DateTimeOffset.FromUnixTimeSeconds(s) : null;
}
