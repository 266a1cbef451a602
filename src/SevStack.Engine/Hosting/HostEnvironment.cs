namespace SevStack.Engine.Hosting;

/// <summary>What the host reads from the outside world, injectable for tests.</summary>
public sealed record HostEnvironment(TextWriter Out, IReadOnlyDictionary<string, string> Variables, string WorkingDirectory, bool IsTerminal)
{
    public static HostEnvironment FromProcess() => new(
        Console.Out,
        Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? ""),
        Directory.GetCurrentDirectory(),
        !Console.IsOutputRedirected);
}
