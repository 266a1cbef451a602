using SevStack.Toolkit;
using SevStack.Toolkit.Processes;
using SevStack.Sources.Identity;
using SevStack.Sources.Locking;
using SevStack.Sources.Patches;

namespace SevStack.Sources;

/// <summary>Everything one component's fetch needs, shared by the per-kind fetchers.</summary>
internal sealed record FetchContext(
    string Component, SourceLayout Layout, SourceLock Lock, FetchOptions Options, PatchSeries Patches,
    ICommandRunner Runner, IBuildLog Log)
{
    public string WorkTree => Layout.WorkTree(Component);

    public void VerifyLock(LockEntry current) => LockCheck.Verify(Lock, Options.Profile, Component, current, Options.UpdateLock);

    /// <summary>
    /// A dry run cannot hash what it does not download or install; for the version the lock pins it takes the lock's hash
    /// and says that the real run checks it. Any other value is returned as it is.
    /// </summary>
    public string ResolvedOrPinnedInDryRun(string spec, string resolved, string version, string what)
    {
        if (resolved.Length > 0 || !Runner.IsDryRun || LockedFor(spec) is not { } pinned || pinned.Version != version)
            return resolved;
        Log.Info($"{Component}: dry run: {what} {version} is checked against the lock's sha256 {pinned.Resolved} when the real run has it");
        return pinned.Resolved;
    }

    /// <summary>The locked entry for this exact spec, unless the lock is being updated.</summary>
    public LockEntry? LockedFor(string spec) =>
        Options.UpdateLock ? null : Lock.Find(Options.Profile, Component) is { } entry && entry.Spec == spec ? entry : null;

    /// <summary>True when the tree beside its stamp was prepared for <paramref name="identity"/> (the caller checks git trees further).</summary>
    public WorkTreeStamp? UpToDateStamp(SourceIdentity identity) =>
        Directory.Exists(WorkTree) && WorkTreeStamp.Read(WorkTree) is { } stamp && stamp.Identity == identity.Canonical() ? stamp : null;

    /// <summary>
    /// When the tree was extracted from this very source and only its patch series differs, brings it to the current
    /// series in place (<see cref="PatchSeriesSwitch"/>) instead of extracting it again. Returns the tree's previous
    /// stamp, or null when the tree must be extracted afresh; a new patch that does not apply throws and leaves the tree
    /// marked invalid, so the next fetch extracts it again.
    /// </summary>
    public async Task<WorkTreeStamp?> TrySwitchPatchSeriesAsync(SourceIdentity identity, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(WorkTree) || WorkTreeStamp.Read(WorkTree) is not { AppliedPatches: { } applied } stamp
            || identity.WithPatches(applied).Canonical() != stamp.Identity)
            return null;
        return await new PatchSeriesSwitch(Runner, Log).SwitchAsync(WorkTree, applied, Patches, cancellationToken) ? stamp : null;
    }

    /// <summary>Records the prepared extracted tree: copies of its patches, then its stamp (last: a stamped tree is complete).</summary>
    public void RecordExtractedTree(SourceIdentity identity)
    {
        AppliedPatchCopies.Record(WorkTree, Patches);
        new WorkTreeStamp(identity.Canonical(), null, identity.SourceDateEpoch, Patches.Identities).Write(WorkTree);
    }

    /// <summary>
    /// Replaces the generated tree (<see cref="ReplaceGeneratedTreeAsync"/>) with what <paramref name="extract"/> unpacks
    /// and the component's patches applied to it; a dry run patches nothing, as it extracted nothing.
    /// </summary>
    public Task ReplaceWithPatchedTreeAsync(Func<string, Task> extract, CancellationToken cancellationToken) =>
        ReplaceGeneratedTreeAsync(async tree =>
        {
            await extract(tree);
            if (!Runner.IsDryRun)
                await new PatchApplier(Runner, Log).ApplyAsync(Patches, tree, isGitTree: false, cancellationToken);
        });

    /// <summary>
    /// Prepares a new non-git tree with <paramref name="prepare"/> (extract, patch) in a sibling folder that does not exist
    /// yet, and only when that succeeded replaces the tree SevStack made before: a refused archive or a failing patch
    /// leaves the existing tree as it was. Anything else in the way is left alone and reported before any work.
    /// Two runs in one clone never fetch at once (the build lock), so the sibling names are fixed per component.
    /// </summary>
    public async Task ReplaceGeneratedTreeAsync(Func<string, Task> prepare)
    {
        if (Path.Exists(WorkTree) && WorkTreeStamp.Read(WorkTree) is null && Directory.EnumerateFileSystemEntries(WorkTree).Any())
            throw new BuildException($"{WorkTree} exists but was not prepared by SevStack; move it away or choose another work folder");
        var parent = Path.GetDirectoryName(WorkTree)!;
        var incoming = Path.Combine(parent, $".{Component}.incoming");
        var replaced = Path.Combine(parent, $".{Component}.replaced");
        foreach (var leftover in new[] { incoming, replaced }.Where(Directory.Exists))
        {
            Log.Info($"removing {leftover}, left behind by an interrupted run");
            Directory.Delete(leftover, recursive: true);
        }
        Directory.CreateDirectory(parent);
        try
        {
            await prepare(incoming);
            if (Runner.IsDryRun)
            {
                Log.Info($"would replace {WorkTree} with the new tree");
                return;
            }
            if (Path.Exists(WorkTree))
            {
                Log.Info($"replacing the previous source tree {WorkTree}");
                WorkTreeStamp.Delete(WorkTree);
                AppliedPatchCopies.Delete(WorkTree);
                Directory.Move(WorkTree, replaced);
            }
            Directory.Move(incoming, WorkTree);
            if (Directory.Exists(replaced))
                Directory.Delete(replaced, recursive: true);
        }
        finally
        {
            if (Directory.Exists(incoming))
                Directory.Delete(incoming, recursive: true);
        }
    }
}
