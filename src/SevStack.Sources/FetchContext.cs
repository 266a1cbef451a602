using SevStack.Engine;
using SevStack.Engine.Processes;
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

    /// <summary>The locked entry for this exact spec, unless the lock is being updated.</summary>
    public LockEntry? LockedFor(string spec) =>
        Options.UpdateLock ? null : Lock.Find(Options.Profile, Component) is { } entry && entry.Spec == spec ? entry : null;

    /// <summary>True when the tree beside its stamp was prepared for <paramref name="identity"/> (the caller checks git trees further).</summary>
    public WorkTreeStamp? UpToDateStamp(SourceIdentity identity) =>
        Directory.Exists(WorkTree) && WorkTreeStamp.Read(WorkTree) is { } stamp && stamp.Identity == identity.Canonical() ? stamp : null;

    /// <summary>Removes a non-git tree SevStack made before (it has a stamp); anything else in the way is left alone and reported.</summary>
    public void RemoveGeneratedTree()
    {
        if (!Path.Exists(WorkTree))
            return;
        if (WorkTreeStamp.Read(WorkTree) is null && Directory.EnumerateFileSystemEntries(WorkTree).Any())
            throw new BuildException($"{WorkTree} exists but was not prepared by SevStack; move it away or choose another work folder");
        Log.Info($"removing the previous source tree {WorkTree}");
        if (!Runner.IsDryRun)
        {
            WorkTreeStamp.Delete(WorkTree);
            Directory.Delete(WorkTree, recursive: true);
        }
    }
}
