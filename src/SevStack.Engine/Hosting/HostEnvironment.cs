namespace SevStack.Engine.Hosting;

/// <summary>What the host reads from the outside world, injectable for tests.</summary>
public sealed record HostEnvironment(TextWriter Out, IReadOnlyDictionary<string, string> Variables, string WorkingDirectory, bool IsTerminal)
{
    public static HostEnvironment FromProcess() => new(Console.Out, ProcessVariables(), Directory.GetCurrentDirectory(), !Console.IsOutputRedirected);

    static Dictionary<string, string> ProcessVariables()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
            variables[(string)entry.Key] = (string?)entry.Value ?? "";
        return variables;
    }
}
