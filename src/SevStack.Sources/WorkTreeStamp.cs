using System.Text.Json;
using System.Text.Json.Serialization;
using SevStack.Toolkit.Files;

namespace SevStack.Sources;

/// <summary>
/// Remembers, beside a work tree (<c>.&lt;component&gt;.source.json</c>), which identity it was prepared for, so a re-run
/// with the same identity touches nothing. <see cref="Head"/> is the commit after patching, for git trees.
/// </summary>
internal sealed partial record WorkTreeStamp(string Identity, string? Head, long? SourceDateEpoch)
{
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
