using System.Diagnostics.CodeAnalysis;

namespace SevStack.Engine.Parameters;

/// <summary>
/// A parameter type of its own whose value is its text, once the type's rule accepted (and perhaps normalised) it. The type
/// adds only the rule, as <c>public static TSelf Parse(string, IFormatProvider?)</c> throwing a <see cref="FormatException"/>
/// that says what it expects (see <see cref="ParsableText"/>); TryParse and ToString come from here.
/// </summary>
public abstract record ParameterText<TSelf> where TSelf : ParameterText<TSelf>, IParsable<TSelf>
{
    protected ParameterText(string value) => Value = value;

    /// <summary>The accepted text: what the value is shown as, and what command lines, files and cache keys read.</summary>
    public string Value { get; }

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out TSelf result) =>
        ParsableText.TryParse(text => TSelf.Parse(text, provider), s, out result);

    public sealed override string ToString() => Value;
}
