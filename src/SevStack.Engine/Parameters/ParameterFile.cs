using System.Text.Json;

namespace SevStack.Engine.Parameters;

/// <summary>A <c>.nuke/parameters[.profile].json</c> file: parameter names (any case) to values.</summary>
public sealed record ParameterFile(string DisplayName, IReadOnlyDictionary<string, JsonElement> Values)
{
    public static ParameterFile Load(string path, string displayName)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new UsageException($"{path}: expected a JSON object of parameter names and values");
            var values = document.RootElement.EnumerateObject()
                .Where(p => !p.Name.StartsWith('$'))
                .ToDictionary(p => p.Name, p => p.Value.Clone());
            return new ParameterFile(displayName, values);
        }
        catch (JsonException e)
        {
            throw new UsageException($"{path}: invalid JSON at line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}: fix the file or remove it");
        }
    }
}
