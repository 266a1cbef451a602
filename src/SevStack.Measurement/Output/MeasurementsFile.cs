using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using SevStack.Toolkit.Json;

namespace SevStack.Measurement.Output;

/// <summary>
/// artifacts/measurements.json: <c>{"measurements": [...]}</c>, one object per computed digest with mode, vmm,
/// vcpus, vcpuType, vcpuSignature and guestFeatures (hex strings), firmware, kernel, initrd, commandLine, snpOvmfHash,
/// digestAlgorithm and digest. The serializer is source-generated: the build program may be compiled natively.
/// </summary>
public static class MeasurementsFile
{
    static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        NewLine = "\n",
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // A file, never HTML: a command line's quotes, < and > stay readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        TypeInfoResolver = MeasurementsJson.Default,
    };

    static JsonTypeInfo<MeasurementsDocument> Document => Options.TypeInfo<MeasurementsDocument>();

    public static string Serialize(IEnumerable<MeasurementResult> results) =>
        JsonSerializer.Serialize(new MeasurementsDocument([.. results.Select(ToDocument)]), Document) + "\n";

    public static IReadOnlyList<MeasurementResult> Deserialize(string json)
    {
        var document = JsonSerializer.Deserialize(json, Document)
            ?? throw new JsonException("empty measurements document");
        return [.. document.Measurements.Select(FromDocument)];
    }

    /// <summary>Writes the file whole through a temporary sibling, so a reader never sees half of it.</summary>
    public static void Write(string path, IEnumerable<MeasurementResult> results)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, Serialize(results));
        File.Move(temporary, path, overwrite: true);
    }

    public static IReadOnlyList<MeasurementResult> Read(string path) => Deserialize(File.ReadAllText(path));

    static MeasurementDocument ToDocument(MeasurementResult r) => new(
        r.Mode.Name(), r.Vmm, r.Vcpus, r.VcpuType,
        r.VcpuSignature is { } signature ? "0x" + signature.ToString("x8", CultureInfo.InvariantCulture) : null,
        "0x" + r.GuestFeatures.ToString("x", CultureInfo.InvariantCulture),
        r.Firmware, r.Kernel, r.Initrd, r.CommandLine, r.SnpOvmfHash, r.DigestAlgorithm, r.Digest);

    static MeasurementResult FromDocument(MeasurementDocument d) => new(
        SevModeNames.Parse(d.Mode), d.Vcpus, d.VcpuType,
        d.VcpuSignature is { } signature ? (uint)ParseHex(signature, "vcpuSignature") : null,
        ParseHex(d.GuestFeatures, "guestFeatures"),
        d.Firmware, d.Kernel, d.Initrd, d.CommandLine, d.SnpOvmfHash, d.Digest);

    static ulong ParseHex(string value, string field) =>
        value.StartsWith("0x", StringComparison.Ordinal) && ulong.TryParse(value.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new JsonException($"measurements.json: {field} '{value}' is not a 0x-prefixed hex number");
}

sealed record MeasurementsDocument(IReadOnlyList<MeasurementDocument> Measurements);

sealed record MeasurementDocument(
    string Mode,
    string Vmm,
    int Vcpus,
    string? VcpuType,
    string? VcpuSignature,
    string GuestFeatures,
    string Firmware,
    string? Kernel,
    string? Initrd,
    string? CommandLine,
    string? SnpOvmfHash,
    string DigestAlgorithm,
    string Digest);

[JsonSerializable(typeof(MeasurementsDocument))]
sealed partial class MeasurementsJson : JsonSerializerContext;
