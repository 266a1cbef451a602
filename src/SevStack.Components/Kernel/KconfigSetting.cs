namespace SevStack.Components.Kernel;

/// <summary>
/// One requested kernel option, with the value as written in <c>.config</c>: <c>y</c>, <c>m</c>, <c>n</c>,
/// a quoted string or a number. Names are without the <c>CONFIG_</c> prefix.
/// </summary>
/// <param name="Check">Whether the final .config must show the value.</param>
public sealed record KconfigSetting(string Name, string Value, KconfigCheck Check = KconfigCheck.Required)
{
    public static KconfigSetting Yes(string name) => new(name, "y");
    public static KconfigSetting Module(string name) => new(name, "m");
    public static KconfigSetting No(string name) => new(name, "n");
    public static KconfigSetting Text(string name, string value) => new(name, "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"");

    public bool IsString => Value.StartsWith('"');

    /// <summary>The unquoted value of a string option.</summary>
    public string TextValue => IsString ? Value[1..^1].Replace("\\\"", "\"").Replace("\\\\", "\\") : Value;

    /// <summary>Whether <paramref name="actual"/> (null: absent from .config) satisfies this request.</summary>
    public bool IsSatisfiedBy(string? actual) => Value switch
    {
        "n" => actual is null or "n",
        "y" => actual == "y",
        // A module request is met by a built-in option too (e.g. MODULES off): the code is there.
        "m" => actual is "m" or "y",
        _ when IsString => (actual ?? "\"\"") == Value,
        _ => actual == Value,
    };

    public override string ToString() => $"{Name}={Value}";
}
