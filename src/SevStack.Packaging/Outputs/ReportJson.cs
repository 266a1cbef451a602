using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using SevStack.Toolkit.Json;

namespace SevStack.Packaging.Outputs;

/// <summary>The one JSON style of every report packaging writes: camelCase, indented, stable property order, "\n" line ends.</summary>
public static class ReportJson
{
    static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NewLine = "\n",
        TypeInfoResolver = PackagingJson.Default,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options.TypeInfo<T>()) + "\n";

    public static T Deserialize<T>(string json) => JsonSerializer.Deserialize(json, Options.TypeInfo<T>())
        ?? throw new JsonException("empty document");
}

/// <summary>Every type packaging writes as JSON, compiled ahead of time (the build program may be natively compiled).</summary>
[JsonSerializable(typeof(BuildManifest))]
[JsonSerializable(typeof(EmbeddedBuildReport))]
sealed partial class PackagingJson : JsonSerializerContext;
