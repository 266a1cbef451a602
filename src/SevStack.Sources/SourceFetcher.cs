using SevStack.Toolkit.Processes;
using SevStack.Sources.Apt;
using SevStack.Sources.Archives;
using SevStack.Sources.Git;
using SevStack.Sources.Identity;
using SevStack.Sources.Local;
using SevStack.Sources.Locking;
using SevStack.Sources.Patches;
using SevStack.Sources.Specs;

namespace SevStack.Sources;

/// <summary>
/// The entry point for build targets: turns a component's source spec into a verified, patched tree in
/// <c>&lt;work&gt;/&lt;component&gt;</c> (or the folder itself for <c>dir:</c>) and its exact <see cref="SourceIdentity"/>,
/// checking and updating the lock on the way.
/// </summary>
public sealed class SourceFetcher(ICommandRunner runner, IBuildLog log, HttpClient httpClient)
{
    public async Task<FetchedSource> FetchAsync(string component, string spec, SourceLayout layout, SourceLock sourceLock, FetchOptions options, CancellationToken cancellationToken = default)
    {
        var parsed = SourceSpec.Parse(spec);
        var context = new FetchContext(component, layout, sourceLock, options, PatchSeries.Load(layout.PatchesDirectory, component, options.Profile), runner, log);
        log.Info($"{component}: source {parsed.Text}");
        var fetched = parsed switch
        {
            GitSourceSpec git => await GitSourceFetcher.FetchAsync(context, git, httpClient, cancellationToken),
            TarballSourceSpec tarball => await TarballSourceFetcher.FetchAsync(context, tarball, httpClient, cancellationToken),
            AptSourceSpec apt => await AptSourceFetcher.FetchAsync(context, apt, cancellationToken),
            DirectorySourceSpec directory => await FetchDirectoryAsync(context, directory, cancellationToken),
            _ => throw new InvalidOperationException($"no fetcher for {parsed.GetType().Name}"),
        };
        if (sourceLock.IsModified)
        {
            if (runner.IsDryRun)
                log.Info($"would update {sourceLock.Path}");
            else
            {
                await sourceLock.SaveAsync(log.Info, cancellationToken);
                log.Info($"{component}: recorded {fetched.Identity.Resolved} in {sourceLock.Path}");
            }
        }
        log.Info($"{component}: {fetched.Path} = {fetched.Identity.Kind} {fetched.Identity.Resolved}");
        return fetched;
    }

    async Task<FetchedSource> FetchDirectoryAsync(FetchContext context, DirectorySourceSpec spec, CancellationToken cancellationToken)
    {
        if (context.Patches.Patches.Count > 0)
            log.Warning($"{context.Component}: dir: sources are used as they are; {context.Patches.SeriesPath} is not applied");
        var identity = await new DirectorySource(runner).IdentifyAsync(spec.Path, cancellationToken);
        return new FetchedSource(spec.Path, identity);
    }
}
