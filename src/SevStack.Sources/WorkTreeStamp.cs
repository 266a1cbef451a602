using System.Text.Json;
using System.Text.Json.Serialization;
using SevStack.Sources.Identity;
using SevStack.Toolkit.Files;

namespace SevStack.Sources;

/// <summary>
/// Remembers, beside a work tree (<c>.&lt;component&gt;.source.json</c>), which identity it was prepared for, so a re-run
/// with the same identity touches nothing. <see cref="Head"/> is the commit after patching, for git trees.
/// <see cref="AppliedPatches"/> is the series applied to an extracted (non-git) tree, whose copies
/// <see cref="AppliedPatchCopies"/> keeps, so that a changed series can be brought to the tree in place; null when the tree
/// cannot be re-patched (a git tree, a stamp an older SevStack wrote, or an <see cref="Invalid"/> tree).
/// </summary>
internal sealed partial record WorkTreeStamp(string Identity, string? Head, long? SourceDateEpoch, IReadOnlyList<PatchIdentity>? AppliedPatches = null)
{
    /// <summary>
    /// The stamp of a tree whose patches are being changed in place: it matches no identity, so a run that finds it (after
    /// a failed patch or a killed run) replaces the tree with a fresh extraction.
    /// </summary>
    public static WorkTreeStamp Invalid(string why) => new("invalid: " + why, null, null);

    public static string PathFor(string workTree) =>
        Path.Combine(Path.GetDirectoryName(workTree)!, $".{Path.GetFileName(workTree)}.source.json");

    public static WorkTreeStamp? Read(string workTree)
    {
        var file = PathFor(workTree);
        if (!File.Exists(file))
            return null;
        try { return JsonSerializer.Deserialize(File.ReadAllText(file), StampJson.Default.WorkTreeStamp); }
        catch (JsonException) { return null; }
    }

    public void Write(string workTree) => AtomicFile.WriteAllText(PathFor(workTree), JsonSerializer.Serialize(this, StampJson.Default.WorkTreeStamp));

    public static void Delete(string workTree)
    {
        if (File.Exists(PathFor(workTree)))
            File.Delete(PathFor(workTree));
    }

    [JsonSerializable(typeof(WorkTreeStamp))]
    sealed partial class StampJson : JsonSerializerContext;
}
