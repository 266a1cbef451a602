using System.Text.Encodings.Web;
using System.Text.Json;

namespace SevStack.Engine.Caching.Remote;

/// <summary>
/// What <c>&lt;url&gt;/ac/&lt;id&gt;</c> holds for an entry: its <c>manifest.json</c> and <c>SHA256SUMS</c> texts and
/// the targets of its symlinks. File contents are blobs at <c>&lt;url&gt;/cas/&lt;sha256&gt;</c>, named by the hashes
/// the SHA256SUMS lists, so the document alone says which blobs to fetch and how to check each one.
/// </summary>
internal sealed record RemoteEntryDocument(string Target, string Key, string Manifest, string Sums, IReadOnlyDictionary<string, string> Links)
{
    public const string Format = "sevstack-remote-entry-1";

    /// <summary>The action-cache id of an entry: SHA-256 of <c>&lt;target&gt;/&lt;key&gt;</c>.</summary>
    public static string Id(string target, string key) => FileHashes.Sha256Text($"{target}/{key}");

    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("format", Format);
            writer.WriteString("target", Target);
            writer.WriteString("key", Key);
            writer.WriteString("manifest", Manifest);
            writer.WriteString("sums", Sums);
            writer.WriteStartObject("links");
            foreach (var (path, target) in Links.OrderBy(l => l.Key, StringComparer.Ordinal))
                writer.WriteString(path, target);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <exception cref="InvalidDataException">The bytes are not a complete document of this format.</exception>
    public static RemoteEntryDocument Parse(byte[] bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (Text(root, "format") != Format)
                throw new InvalidDataException($"its document is not of the format {Format}");
            var links = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var link in root.GetProperty("links").EnumerateObject())
                links[link.Name] = link.Value.GetString() ?? throw new InvalidDataException($"the link {link.Name} has no target");
            return new RemoteEntryDocument(Text(root, "target"), Text(root, "key"), Text(root, "manifest"), Text(root, "sums"), links);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"its document is not valid JSON of the format {Format} ({bytes.Length} bytes)", e);
        }
    }

    static string Text(JsonElement root, string name) =>
        root.GetProperty(name).GetString() ?? throw new InvalidDataException($"its document has no {name}");
}
