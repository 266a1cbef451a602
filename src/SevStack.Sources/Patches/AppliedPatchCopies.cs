using SevStack.Sources.Identity;
using SevStack.Toolkit.Files;

namespace SevStack.Sources.Patches;

/// <summary>
/// Copies of the patches applied to an extracted tree, beside it in <c>.&lt;tree&gt;.applied/&lt;sha256&gt;.patch</c>: what
/// reverses them after the series file or a patch in it was edited.
/// </summary>
internal static class AppliedPatchCopies
{
    public static string FolderFor(string workTree) =>
        Path.Combine(Path.GetDirectoryName(workTree)!, $".{Path.GetFileName(workTree)}.applied");

    /// <summary>Keeps a copy of every patch of <paramref name="series"/> and of no other.</summary>
    public static void Record(string workTree, PatchSeries series)
    {
        if (series.Patches.Count == 0)
        {
            Delete(workTree);
            return;
        }
        var folder = FolderFor(workTree);
        Directory.CreateDirectory(folder);
        var wanted = series.Patches.Select(p => FileName(p.Sha256)).ToHashSet(StringComparer.Ordinal);
        foreach (var patch in series.Patches.Where(p => !File.Exists(Path.Combine(folder, FileName(p.Sha256)))))
            AtomicFile.WriteAllBytes(Path.Combine(folder, FileName(patch.Sha256)), File.ReadAllBytes(patch.FullPath));
        foreach (var stale in Directory.GetFiles(folder).Where(f => !wanted.Contains(Path.GetFileName(f))))
            File.Delete(stale);
    }

    /// <summary>The copy of <paramref name="patch"/> when it is there with the content it was recorded with, else null.</summary>
    public static string? Find(string workTree, PatchIdentity patch)
    {
        var copy = Path.Combine(FolderFor(workTree), FileName(patch.Sha256));
        return File.Exists(copy) && PatchSeries.ContentHash(copy) == patch.Sha256 ? copy : null;
    }

    public static void Delete(string workTree)
    {
        if (Directory.Exists(FolderFor(workTree)))
            Directory.Delete(FolderFor(workTree), recursive: true);
    }

    static string FileName(string sha256) => sha256 + ".patch";
}
