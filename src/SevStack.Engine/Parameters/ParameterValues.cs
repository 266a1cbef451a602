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
    public static object? Convert(Type type, IReadOnlyList<string> values, ValueRangeAttribute? range = null)
    {
        if (type.IsArray)
        {
            foreach (var value in values)
                RequireOneLine(value);
            var items = values.SelectMany(v => v.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToList();
            var array = Array.CreateInstanceFromArrayType(type, items.Count);
            for (var i = 0; i < items.Count; i++)
                array.SetValue(ConvertOne(ElementType(type), items[i], range), i);
            return array;
        }
        if (values.Count != 1)
            throw new FormatException($"expects one value, got {values.Count}");
        return ConvertOne(ElementType(type), values[0], range);
    }

    public static object? Convert(Type type, JsonElement json, ValueRangeAttribute? range = null) => json.ValueKind switch
    {
        JsonValueKind.Array => Convert(type, json.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()).ToList(), range),
        JsonValueKind.String => Convert(type, [json.GetString()!], range),
        JsonValueKind.Null => null,
        _ => Convert(type, [json.GetRawText()], range),
    };

    static object ConvertOne(Type type, string text, ValueRangeAttribute? range)
    {
        RequireOneLine(text);
        if (type == typeof(string))
            return text;
        if (type == typeof(bool))
            return text.ToLowerInvariant() switch
            {
                "true" or "yes" or "1" or "on" => true,
                "false" or "no" or "0" or "off" => false,
                _ => throw new FormatException("expects true or false"),
            };
        if (type == typeof(int) || type == typeof(long))
            return InRange(type, text, range);
        if (type.IsEnum)
        {
            var match = !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') ? null : Enum.GetNames(type).FirstOrDefault(n => ParameterMember.Normalize(n) == ParameterMember.Normalize(text))
                ?? Enum.GetNames(type).FirstOrDefault(n => EnumSpelling(type, n) == text);
            return match is not null ? Enum.Parse(type, match) : throw new FormatException($"expects one of {string.Join(", ", EnumSpellings(type))}");
        }
        if (ParsableValues.ParseMethod(type) is { } parse)
            return ParsableValues.Parse(parse, text);
        throw new FormatException($"has an unsupported type {type.Name}");
    }

    /// <summary>No parameter value spans lines or is empty: a newline in a value would become a second line in a file it lands in.</summary>
    static void RequireOneLine(string text)
    {
        if (text.Any(char.IsControl))
            throw new FormatException("contains a control character (a newline or tab): give the value on one line");
        if (string.IsNullOrWhiteSpace(text))
            throw new FormatException("is empty: give a value, or leave the parameter out for its default");
    }

    static object InRange(Type type, string text, ValueRangeAttribute? range)
    {
        var (minimum, maximum) = range is null ? (type == typeof(int) ? (int.MinValue, int.MaxValue) : (long.MinValue, long.MaxValue)) : (range.Minimum, range.Maximum);
        var expected = range is null ? "expects a whole number" : string.Create(CultureInfo.InvariantCulture, $"expects a whole number from {minimum} to {maximum}");
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < minimum || value > maximum
            || (type == typeof(int) && value is < int.MinValue or > int.MaxValue))
            throw new FormatException(expected);
        return type == typeof(int) ? (object)(int)value : value;
    }

    /// <summary>How an enum's members are written on the command line, in help and in the schema.</summary>
    public static IEnumerable<string> EnumSpellings(Type type) => Enum.GetNames(type).Select(name => EnumSpelling(type, name));

    /// <summary>
    /// The spellings a parameter file's schema offers for an enum: each member's own spelling, the same with '.' or '_'
    /// between its words (docker.io), and its C# name; <see cref="Convert(Type, IReadOnlyList{string}, ValueRangeAttribute?)"/>
    /// also takes any case of these.
    /// </summary>
    public static IEnumerable<string> AcceptedEnumSpellings(Type type) => Enum.GetNames(type)
        .SelectMany(name => Variants(EnumSpelling(type, name)).Append(name))
        .Distinct(StringComparer.Ordinal);

    static string[] Variants(string spelling) => [spelling, spelling.Replace('-', '.'), spelling.Replace('-', '_')];

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
