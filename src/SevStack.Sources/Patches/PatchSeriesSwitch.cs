using SevStack.Sources.Identity;
using SevStack.Toolkit.Processes;

namespace SevStack.Sources.Patches;

/// <summary>
/// Brings an extracted tree from the series it was patched with to the current one in place, as quilt pops and pushes:
/// the patches after the longest common prefix are reversed, last first, from their recorded copies, then the new tail
/// is applied. Files a patch touches get a new mtime either way, so an incremental build recompiles exactly those.
/// Before any change the tree's stamp says it is invalid, so a failure or a killed run leaves a tree the next fetch
/// extracts afresh, never one that passes for patched.
/// </summary>
internal sealed class PatchSeriesSwitch(ICommandRunner runner, IBuildLog log)
{
    /// <summary>
    /// True when <paramref name="tree"/> now carries <paramref name="series"/>; false when it cannot be brought there (a copy
    /// is missing, a patch does not reverse cleanly) and must be extracted again. Throws when a new patch does not apply.
    /// </summary>
    public async Task<bool> SwitchAsync(string tree, IReadOnlyList<PatchIdentity> applied, PatchSeries series, CancellationToken cancellationToken)
    {
        var kept = applied.Zip(series.Patches).TakeWhile(pair => pair.First.Sha256 == pair.Second.Sha256).Count();
        var reversed = applied.Skip(kept).Reverse().Select(patch => (Patch: patch, Copy: AppliedPatchCopies.Find(tree, patch))).ToList();
        if (reversed.Where(r => r.Copy is null).Select(r => r.Patch.Name).FirstOrDefault() is { } missing)
        {
            log.Info($"patch: no intact copy of {missing}, applied to {tree}; extracting the tree again");
            return false;
        }
        var added = series.Patches.Skip(kept).ToList();
        log.Info($"patch: {tree} gets the new series in place: {kept} patches kept, {reversed.Count} reversed, {added.Count} applied");
        if (runner.IsDryRun)
            return true;
        WorkTreeStamp.Invalid($"its patch series was being changed to {series.SeriesPath}").Write(tree);
        var applier = new PatchApplier(runner, log);
        foreach (var (patch, copy) in reversed)
            if (!await applier.ReverseAsync(patch, copy!, tree, cancellationToken))
                return false;
        await applier.ApplyAsync(series, added, tree, isGitTree: false, cancellationToken);
        return true;
    }
}
