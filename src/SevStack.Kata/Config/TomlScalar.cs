using System.Globalization;
using Tomlyn.Syntax;

namespace SevStack.Kata.Config;

/// <summary>A string, boolean or integer TOML value: the only kinds ConfigureKata reads and writes.</summary>
public sealed record TomlScalar
{
    TomlScalar(object value) => Value = value;

    public object Value { get; }

    public static TomlScalar Of(string value) => new(value);
    public static TomlScalar Of(bool value) => new(value);
    public static TomlScalar Of(long value) => new(value);

    public string? AsString => Value as string;
    public bool? AsBoolean => Value as bool?;

    public override string ToString() => Value switch
    {
        string s => $"\"{s}\"",
        bool b => b ? "true" : "false",
        _ => Convert.ToString(Value, CultureInfo.InvariantCulture) ?? "",
    };

    internal static TomlScalar? From(ValueSyntax? syntax) => syntax switch
    {
        StringValueSyntax s => Of(s.Value ?? ""),
        BooleanValueSyntax b => Of(b.Value),
        IntegerValueSyntax i => Of(i.Value),
        _ => null,
    };

    internal ValueSyntax ToSyntax(List<SyntaxTrivia>? trailingTrivia)
    {
        ValueSyntax syntax = Value switch
        {
            string s => new StringValueSyntax(s),
            bool b => new BooleanValueSyntax(b),
            long l => new IntegerValueSyntax(l),
            _ => throw new InvalidOperationException($"unsupported TOML value {Value}"),
        };
        if (trailingTrivia is not null && LastToken(syntax) is { } token)
            token.TrailingTrivia = trailingTrivia;
        return syntax;
    }

    /// <summary>The token whose trailing trivia carries spaces and an end-of-line comment after the value.</summary>
    internal static SyntaxToken? LastToken(ValueSyntax? syntax) => syntax switch
    {
        StringValueSyntax s => s.Token,
        BooleanValueSyntax b => b.Token,
        IntegerValueSyntax i => i.Token,
        FloatValueSyntax f => f.Token,
        _ => null,
    };
}
