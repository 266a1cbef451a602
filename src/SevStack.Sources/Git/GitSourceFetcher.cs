using SevStack.Toolkit;
using SevStack.Sources.GitHub;
using SevStack.Sources.Identity;
using SevStack.Sources.Locking;
using SevStack.Sources.Patches;
using SevStack.Sources.Specs;

namespace SevStack.Sources.Git;

/// <summary>git sources: resolve the ref, check the lock, fetch the one commit into the mirror, check out, patch, commit the patches.</summary>
internal static class GitSourceFetcher
{
    public static async Task<FetchedSource> FetchAsync(FetchContext context, GitSourceSpec spec, HttpClient http, CancellationToken cancellationToken)
    {
        var mirror = new GitMirror(context.Runner, context.Log, context.Layout.CacheDirectory, spec.Url);
        var sha = await ResolveAsync(context, spec, mirror, http, cancellationToken);
        context.VerifyLock(new LockEntry(spec.Text, spec.Kind, sha));

        using var mirrorLock = context.Runner.IsDryRun ? null : await MirrorLock.AcquireAsync(mirror.Path, cancellationToken);
        await mirror.EnsureCommitAsync(sha, spec.IsCommitSha ? null : spec.Ref, cancellationToken);
        var date = context.Runner.IsDryRun && !await mirror.HasCommitAsync(sha, cancellationToken) ? null : await mirror.CommitDateAsync(sha, cancellationToken);
        // The ref that was asked for is not part of the identity: the same commit is the same source (conventions section 4).
        var identity = new SourceIdentity(spec.Kind, spec.Url, sha, null, context.Patches.Identities, date);
        var workTree = new GitWorkTree(context.Runner, context.Log, mirror, context.WorkTree);

        if (context.UpToDateStamp(identity) is { } stamp && await IsUnchangedAsync(workTree, stamp, cancellationToken))
        {
            context.Log.Info($"{context.Component}: {workTree.Path} is already at {sha[..12]} with {context.Patches.Patches.Count} patches");
            return new FetchedSource(workTree.Path, identity);
        }

        if (!context.Runner.IsDryRun)
            WorkTreeStamp.Delete(workTree.Path);
        await workTree.CheckoutAsync(sha, context.Options.DiscardLocalChanges, cancellationToken);
        if (context.Runner.IsDryRun)
            return new FetchedSource(workTree.Path, identity);
        if (context.Patches.Patches.Count > 0)
        {
            await new PatchApplier(context.Runner, context.Log).ApplyAsync(context.Patches, workTree.Path, isGitTree: true, cancellationToken);
            await workTree.CommitAppliedPatchesAsync($"SevStack: apply {context.Patches.SeriesPath}", date ?? DateTimeOffset.UnixEpoch, cancellationToken);
        }
        var head = await workTree.HeadAsync(cancellationToken);
        new WorkTreeStamp(identity.Canonical(), head, identity.SourceDateEpoch).Write(workTree.Path);
        return new FetchedSource(workTree.Path, identity);
    }

    static async Task<bool> IsUnchangedAsync(GitWorkTree workTree, WorkTreeStamp stamp, CancellationToken cancellationToken)
    {
        if (!Path.Exists(Path.Combine(workTree.Path, ".git")))
            return false;
        if (await workTree.HeadAsync(cancellationToken) != stamp.Head)
            return false;
        return await workTree.IsCleanAsync(cancellationToken);
    }

    static async Task<string> ResolveAsync(FetchContext context, GitSourceSpec spec, GitMirror mirror, HttpClient http, CancellationToken cancellationToken)
    {
        if (spec.IsCommitSha)
            return spec.Ref;
        IRefResolver resolver = context.Options.GitHub is { } github && new GitHubRefResolver(github, http, context.Log) is var api && api.Handles(spec.Url)
            ? api
            : new LsRemoteRefResolver(context.Runner);
        try
        {
            return await resolver.ResolveAsync(spec.Url, spec.Ref, cancellationToken);
        }
        catch (BuildException e) when (context.LockedFor(spec.Text) is not null)
        {
            // Offline re-run: fine when the locked commit is already in the mirror.
            var locked = context.LockedFor(spec.Text)!;
            if (!await mirror.HasCommitAsync(locked.Resolved, cancellationToken))
                throw;
            context.Log.Warning($"{context.Component}: cannot resolve '{spec.Ref}' at {spec.Url} ({e.Message}); using the locked commit {locked.Resolved[..12]} from the mirror");
            return locked.Resolved;
        }
    }
}
