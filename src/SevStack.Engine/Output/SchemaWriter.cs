using System.Text.Json;
using System.Text.Json.Nodes;
using SevStack.Engine.Parameters;
using SevStack.Engine.Targets;

namespace SevStack.Engine.Output;

/// <summary>
/// Generates <c>.nuke/build.schema.json</c> so editors can complete parameter files: every parameter with each value it
/// takes (an enum's spellings and aliases, a switch's words, a number as a number or as text), and <c>Skip</c>.
/// </summary>
public static class SchemaWriter
{
    static readonly string[] SwitchWords = ["true", "false", "yes", "no", "on", "off", "1", "0"];

    public static string Render(TargetCollection targets, IReadOnlyList<ParameterMember> parameters)
    {
        var targetNames = new JsonArray(targets.All.Select(t => (JsonNode)t.Name).ToArray());
        var properties = new JsonObject
        {
            ["$schema"] = new JsonObject { ["type"] = "string" },
            ["Skip"] = new JsonObject
            {
                ["description"] = "Targets to skip (as --skip), or true to skip every target that was not named",
                ["anyOf"] = new JsonArray(
                    new JsonObject { ["type"] = "boolean" },
                    new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["$ref"] = "#/definitions/Target" } }),
            },
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
        var one = element == typeof(bool) ? new JsonObject { ["enum"] = Values([true, false, 1, 0, .. SwitchWords]) }
            : element == typeof(int) || element == typeof(long) ? WholeNumber(parameter.Range)
            : element.IsEnum ? new JsonObject { ["enum"] = Values([.. ParameterValues.AcceptedEnumSpellings(element), .. VersionNumbers(element)]) }
            : new JsonObject { ["type"] = "string" };
        // A list is a JSON array, or one string of items separated by spaces.
        var node = parameter.IsList
            ? new JsonObject { ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "array", ["items"] = one }, new JsonObject { ["type"] = "string" }) }
            : one;
        node["description"] = parameter.Description;
        return node;
    }

    /// <summary>A whole number, also as text (the range bounds the number; the pattern the text).</summary>
    static JsonObject WholeNumber(ValueRangeAttribute? range)
    {
        var node = new JsonObject { ["type"] = new JsonArray("integer", "string"), ["pattern"] = "^[+-]?[0-9]+$" };
        if (range is not null)
            (node["minimum"], node["maximum"]) = (range.Minimum, range.Maximum);
        return node;
    }

    /// <summary>A version enum's members (V3 = 3) are also written as JSON numbers.</summary>
    static IEnumerable<object> VersionNumbers(Type type) =>
        ParameterValues.EnumSpellings(type).Where(s => s.All(char.IsAsciiDigit)).Select(s => (object)long.Parse(s, System.Globalization.CultureInfo.InvariantCulture));

    static JsonArray Values(IEnumerable<object> values) => new(values.Select(v => v switch
    {
        bool b => (JsonNode)b,
        int i => i,
        long l => l,
        _ => (JsonNode)(string)v,
    }).ToArray());
}
