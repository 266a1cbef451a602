namespace SevStack.Engine.Hosting;

/// <summary>What the host reads from the outside world, injectable for tests.</summary>
public sealed record HostEnvironment(TextWriter Out, IReadOnlyDictionary<string, string> Variables, string WorkingDirectory, bool IsTerminal)
{
    /// <summary>Standard error: usage errors, and the whole console when standard output carries data (the same writer as <see cref="Out"/> unless set).</summary>
    public TextWriter Error { get; init; } = Out;

    public bool IsErrorTerminal { get; init; } = IsTerminal;

    public static HostEnvironment FromProcess() => new(Console.Out, ProcessVariables(), Directory.GetCurrentDirectory(), !Console.IsOutputRedirected)
    {
        Error = Console.Error,
        IsErrorTerminal = !Console.IsErrorRedirected,
    };

    /// <summary>The environment whose console is standard error, for a run whose standard output carries data alone.</summary>
    public HostEnvironment WithConsoleOnStandardError() => this with { Out = Error, IsTerminal = IsErrorTerminal };

    static Dictionary<string, string> ProcessVariables()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
            variables[(string)entry.Key] = (string?)entry.Value ?? "";
        return variables;
    }
}
