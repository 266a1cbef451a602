namespace SevStack.Engine.Cli;

/// <summary>Targets named on the command line, and every <c>--option</c> with its values, keyed by normalized name.</summary>
public sealed record ParsedCommandLine(IReadOnlyList<string> Targets, IReadOnlyDictionary<string, IReadOnlyList<string>> Options)
{
    public bool Has(string option) => Options.ContainsKey(Normalize(option));

    public IReadOnlyList<string>? Values(string option) => Options.GetValueOrDefault(Normalize(option));

    public string? Value(string option) => Values(option) is [var single] ? single : null;

    public bool Flag(string option) => Values(option) is { } v && (v.Count == 0 || v[0] is not ("false" or "no" or "0" or "off"));

    public static string Normalize(string name) => Parameters.ParameterMember.Normalize(name);
}
