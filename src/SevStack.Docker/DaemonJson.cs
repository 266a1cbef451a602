using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using SevStack.Toolkit;

namespace SevStack.Docker;

/// <summary>/etc/docker/daemon.json as a JSON tree: merged key by key, every other key and its order kept.</summary>
public static class DaemonJson
{
    public const string Path = "/etc/docker/daemon.json";

    static readonly JsonSerializerOptions Output = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Parses the file's text; an empty file is an empty object. Invalid JSON names the line and position.</summary>
    public static JsonObject Parse(string text, string path)
    {
        if (string.IsNullOrWhiteSpace(text))
            return [];
        try
        {
            return JsonNode.Parse(text) as JsonObject
                   ?? throw new BuildException($"{path}: the top level is not a JSON object; fix it by hand, it was left untouched");
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var position = (e.BytePositionInLine ?? 0) + 1;
            throw new BuildException($"{path}:{line}:{position}: invalid JSON ({FirstSentence(e.Message)}); fix it by hand, it was left untouched");
        }
    }

    public static string Serialize(JsonObject daemon) => daemon.ToJsonString(Output) + "\n";

    /// <summary>Adds or replaces <c>runtimes.&lt;name&gt;</c> and, when asked, points <c>default-runtime</c> at it.</summary>
    /// <returns>Descriptions of what changed; empty when the file already said all of it.</returns>
    public static IReadOnlyList<string> Merge(JsonObject daemon, DockerRuntime runtime, bool makeDefault)
    {
        var changes = new List<string>();
        if (daemon["runtimes"] is not JsonObject runtimes)
        {
            if (daemon["runtimes"] is not null)
                throw new BuildException($"{Path}: \"runtimes\" is not an object; fix it by hand, it was left untouched");
            runtimes = [];
            daemon["runtimes"] = runtimes;
        }
        var wanted = runtime.ToDaemonJson();
        if (!JsonNode.DeepEquals(runtimes[runtime.Name], wanted))
        {
            changes.Add(runtimes.ContainsKey(runtime.Name) ? $"runtimes.{runtime.Name} replaced" : $"runtimes.{runtime.Name} added");
            runtimes[runtime.Name] = wanted;
        }
        if (makeDefault && DefaultRuntime(daemon) != runtime.Name)
        {
            changes.Add($"default-runtime = {runtime.Name}");
            daemon["default-runtime"] = runtime.Name;
        }
        return changes;
    }

    public static string? DefaultRuntime(JsonObject daemon) =>
        daemon["default-runtime"] is JsonValue value && value.TryGetValue<string>(out var name) ? name : null;

    static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }
}
