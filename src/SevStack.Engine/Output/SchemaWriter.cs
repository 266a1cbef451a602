using System.Text.Json;
using System.Text.Json.Nodes;
using SevStack.Engine.Parameters;
using SevStack.Engine.Targets;

namespace SevStack.Engine.Output;

/// <summary>Generates <c>.nuke/build.schema.json</c> so editors can complete parameter files.</summary>
public static class SchemaWriter
{
    public static string Render(TargetCollection targets, IReadOnlyList<ParameterMember> parameters)
    {
        var targetNames = new JsonArray(targets.All.Select(t => (JsonNode)t.Name).ToArray());
        var properties = new JsonObject
        {
            ["$schema"] = new JsonObject { ["type"] = "string" },
        };
        foreach (var parameter in parameters)
            properties[parameter.Name] = Describe(parameter);
        var schema = new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-07/schema#",
            ["title"] = "SevStack build parameters",
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["definitions"] = new JsonObject { ["Target"] = new JsonObject { ["type"] = "string", ["enum"] = targetNames } },
            ["properties"] = properties,
        };
        return schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    static JsonObject Describe(ParameterMember parameter)
    {
        var element = ParameterValues.ElementType(parameter.Type);
        JsonObject one = element == typeof(bool) ? new() { ["type"] = "boolean" }
            : element == typeof(int) || element == typeof(long) ? new() { ["type"] = "integer" }
            : element.IsEnum ? new() { ["type"] = "string", ["enum"] = new JsonArray(ParameterValues.EnumSpellings(element).Select(n => (JsonNode)n).ToArray()) }
            : new() { ["type"] = "string" };
        if (parameter.Range is { } range)
            (one["minimum"], one["maximum"]) = (range.Minimum, range.Maximum);
        var node = parameter.IsList ? new JsonObject { ["type"] = "array", ["items"] = one } : one;
        node["description"] = parameter.Description;
        return node;
    }
}
