using System.Text;
using System.Text.Json;

namespace SevStack.Checks.Probes;

/// <summary>
/// The JSON objects QEMU wrote on its QMP channel, one per line live, pretty-printed in documentation samples.
/// Anything that is not JSON (a warning on stdout) ends the parse; what was read so far is kept.
/// </summary>
public sealed class QmpReplies
{
    QmpReplies(IReadOnlyList<JsonElement> messages) => Messages = messages;

    public IReadOnlyList<JsonElement> Messages { get; }

    public static QmpReplies Parse(string output)
    {
        var messages = new List<JsonElement>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(output), new JsonReaderOptions { AllowMultipleValues = true });
        try
        {
            while (reader.Read())
            {
                using var document = JsonDocument.ParseValue(ref reader);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                    messages.Add(document.RootElement.Clone());
            }
        }
        catch (JsonException) { }
        return new QmpReplies(messages);
    }

    /// <summary>The QEMU version from the greeting, e.g. <c>7.2.22 (Debian 1:7.2+dfsg-7)</c>.</summary>
    public string? Version
    {
        get
        {
            var greeting = Messages.FirstOrDefault(m => m.TryGetProperty("QMP", out _));
            if (greeting.ValueKind != JsonValueKind.Object
                || !greeting.GetProperty("QMP").TryGetProperty("version", out var version)
                || !version.TryGetProperty("qemu", out var qemu))
                return null;
            var number = $"{Int(qemu, "major")}.{Int(qemu, "minor")}.{Int(qemu, "micro")}";
            var package = version.TryGetProperty("package", out var p) ? p.GetString() : null;
            return string.IsNullOrWhiteSpace(package) ? number : $"{number} ({package.Trim()})";
        }
    }

    /// <summary>The reply (a <c>return</c> or an <c>error</c> object) to the command sent with <paramref name="id"/>.</summary>
    public JsonElement? Reply(string id) => Messages
        .Where(m => m.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String && i.GetString() == id)
        .Select(m => (JsonElement?)m)
        .FirstOrDefault();

    /// <summary>The replies that are not greetings or events, in order: how to find an answer sent without an id.</summary>
    public IEnumerable<JsonElement> Responses => Messages.Where(m => m.TryGetProperty("return", out _) || m.TryGetProperty("error", out _));

    static int Int(JsonElement element, string name) => element.TryGetProperty(name, out var v) && v.TryGetInt32(out var n) ? n : 0;
}
