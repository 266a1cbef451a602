using System.Text.Json;

namespace SevStack.Checks.Probes;

/// <summary>QEMU's answer to <c>query-sev-capabilities</c>: either the capabilities or QEMU's error.</summary>
public sealed record SevCapabilities(
    int? Cbitpos,
    int? ReducedPhysBits,
    bool HasPdh,
    bool HasCertChain,
    bool HasCpu0Id,
    string? ErrorClass,
    string? ErrorDescription)
{
    public bool Supported => ErrorClass is null && Cbitpos is not null;

    /// <summary>Reads one reply object: <c>{"return": {...}}</c> or <c>{"error": {"class": ..., "desc": ...}}</c>.</summary>
    public static SevCapabilities FromReply(JsonElement reply)
    {
        if (reply.TryGetProperty("error", out var error))
            return new SevCapabilities(null, null, false, false, false,
                Text(error, "class") ?? "Error", Text(error, "desc") ?? "(no description)");
        if (!reply.TryGetProperty("return", out var value) || value.ValueKind != JsonValueKind.Object)
            return new SevCapabilities(null, null, false, false, false, "UnexpectedReply", reply.GetRawText());
        return new SevCapabilities(
            Int(value, "cbitpos"),
            Int(value, "reduced-phys-bits"),
            value.TryGetProperty("pdh", out _),
            value.TryGetProperty("cert-chain", out _),
            value.TryGetProperty("cpu0-id", out _),
            null,
            null);
    }

    static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    static int? Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var v) && v.TryGetInt32(out var n) ? n : null;
}
