using System.Globalization;
using System.Text.Json;

namespace SevStack.Engine.Parameters;

/// <summary>Turns text from the command line, environment or a parameter file into a parameter's type.</summary>
public static class ParameterValues
{
    public static Type ElementType(Type type)
    {
        var element = type.IsArray ? type.GetElementType()! : type;
        return Nullable.GetUnderlyingType(element) ?? element;
    }

    /// <exception cref="FormatException">The text does not fit the type; the message names the accepted values.</exception>
    public static object? Convert(Type type, IReadOnlyList<string> values)
    {
        if (type.IsArray)
        {
            var items = values.SelectMany(v => v.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToList();
            var array = Array.CreateInstanceFromArrayType(type, items.Count);
            for (var i = 0; i < items.Count; i++)
                array.SetValue(ConvertOne(ElementType(type), items[i]), i);
            return array;
        }
        if (values.Count != 1)
            throw new FormatException($"expects one value, got {values.Count}");
        return ConvertOne(ElementType(type), values[0]);
    }

    public static object? Convert(Type type, JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Array => Convert(type, json.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()).ToList()),
        JsonValueKind.String => Convert(type, [json.GetString()!]),
        JsonValueKind.Null => null,
        _ => Convert(type, [json.GetRawText()]),
    };

    static object ConvertOne(Type type, string text)
    {
        if (type == typeof(string))
            return text;
        if (type == typeof(bool))
            return text.ToLowerInvariant() switch
            {
                "true" or "yes" or "1" or "on" => true,
                "false" or "no" or "0" or "off" => false,
                _ => throw new FormatException("expects true or false"),
            };
        if (type == typeof(int))
            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : throw new FormatException("expects a whole number");
        if (type == typeof(long))
            return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : throw new FormatException("expects a whole number");
        if (type.IsEnum)
        {
            var match = Enum.GetNames(type).FirstOrDefault(n => ParameterMember.Normalize(n) == ParameterMember.Normalize(text))
                ?? (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? Enum.GetName(type, number) : null);
            return match is not null ? Enum.Parse(type, match) : throw new FormatException($"expects one of {string.Join(", ", EnumSpellings(type))}");
        }
        throw new FormatException($"has an unsupported type {type.Name}");
    }

    /// <summary>How an enum's members are written on the command line, in help and in the schema.</summary>
    public static IEnumerable<string> EnumSpellings(Type type) => Enum.GetNames(type).Select(name => EnumSpelling(type, name));

    /// <summary>Kebab case; a version member named V + its own value (V3 = 3) is written as the number.</summary>
    static string EnumSpelling(Type type, string name) =>
        name.Length > 1 && name[0] == 'V' && name[1..] == System.Convert.ToInt64(Enum.Parse(type, name), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)
            ? name[1..]
            : ParameterMember.Kebab(name);

    /// <summary>How a value reads in help and logs.</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        Enum e => EnumSpelling(e.GetType(), e.ToString()),
        Array a => string.Join(' ', a.Cast<object?>().Select(Format)),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
