using System.Text.Json;

namespace SevStack.Engine.Parameters;

/// <summary>A <c>.nuke/parameters[.profile].json</c> file: parameter names (any case) to values, in file order, and its <c>Skip</c>.</summary>
public sealed record ParameterFile(string DisplayName, IReadOnlyList<ParameterFileEntry> Values)
{
    /// <summary>The engine's <c>Skip</c> as Nuke's parameter files give it: a list of targets, or true for all but the invoked.</summary>
    public JsonElement? Skip { get; init; }


    const string SkipKey = "skip";

    public static ParameterFile Load(string path, string displayName)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new UsageException($"{path}: expected a JSON object of parameter names and values");
            // Plain loops: LINQ over JsonProperty would be JIT-compiled on every start (it is not in the ReadyToRun image).
            var values = new List<ParameterFileEntry>();
            JsonElement? skip = null;
            var namesSeen = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name.StartsWith('$'))
                    continue;
                if (ParameterMember.Normalize(property.Name) == SkipKey)
                {
                    skip = property.Value.Clone();
                    continue;
                }
                if (!namesSeen.TryAdd(ParameterMember.Normalize(property.Name), property.Name))
                    throw new UsageException($"{path}: \"{namesSeen[ParameterMember.Normalize(property.Name)]}\" and \"{property.Name}\" set the same parameter: keep one of them");
                values.Add(new ParameterFileEntry(property.Name, property.Value.Clone()));
            }
            return new ParameterFile(displayName, values) { Skip = skip };
        }
        catch (JsonException e)
        {
            throw new UsageException($"{path}: invalid JSON at line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}: fix the file or remove it");
        }
    }
}

/// <summary>One name and value of a parameter file.</summary>
public sealed record ParameterFileEntry(string Name, JsonElement Value);
