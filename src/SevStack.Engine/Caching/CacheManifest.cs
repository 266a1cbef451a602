using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SevStack.Engine.Caching;

/// <summary>
/// Everything a cached output depends on. Its canonical JSON (sorted keys, fixed layout, no timestamps) is
/// stored as <c>manifest.json</c>, and the key is the SHA-256 of exactly those bytes.
/// </summary>
public sealed record CacheManifest(
    string Target,
    string Recipe,
    IReadOnlyDictionary<string, string> Inputs,
    IReadOnlyDictionary<string, string> Tools,
    IReadOnlyDictionary<string, string> Upstream)
{
    /// <summary>Bumped whenever what goes into a key, or how it is written, changes.</summary>
    public const int KeySchema = 1;

    public string ToJson()
    {
        var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, NewLine = "\n" };
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            writer.WriteStartObject();
            writer.WriteNumber("keySchema", KeySchema);
            writer.WriteString("target", Target);
            writer.WriteString("recipe", Recipe);
            WriteSection(writer, "inputs", Inputs);
            WriteSection(writer, "tools", Tools);
            WriteSection(writer, "upstream", Upstream);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    public string Key => FileHashes.Sha256Text(ToJson());

    /// <summary>Flat <c>section.name</c> fields, as <c>--explain</c> compares them.</summary>
    public IReadOnlyDictionary<string, string> Fields()
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["keySchema"] = KeySchema.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["target"] = Target,
            ["recipe"] = Recipe,
        };
        foreach (var (section, values) in new[] { ("inputs", Inputs), ("tools", Tools), ("upstream", Upstream) })
            foreach (var (name, value) in values)
                fields[$"{section}.{name}"] = value;
        return fields;
    }

    /// <summary>Reads the flat fields of a stored manifest (any schema version), for comparisons only.</summary>
    public static IReadOnlyDictionary<string, string> ReadFields(string json)
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Object)
                foreach (var inner in property.Value.EnumerateObject())
                    fields[$"{property.Name}.{inner.Name}"] = inner.Value.ToString();
            else
                fields[property.Name] = property.Value.ToString();
        }
        return fields;
    }

    static void WriteSection(Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, string> values)
    {
        writer.WriteStartObject(name);
        foreach (var (key, value) in values.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            writer.WriteString(key, value);
        writer.WriteEndObject();
    }
}
