using SevStack.Toolkit.Processes;

namespace SevStack.Engine.Output;

/// <summary>
/// The log of what runs before any target does (the targets' startup checks): on the console only, as the verbosity
/// allows, so that a command such a check runs is shown with its arguments although no target's log exists yet.
/// </summary>
public sealed class StartupLog(TextWriter console, Verbosity verbosity, IReadOnlyList<string> secrets) : IBuildLog
{
    readonly Lock gate = new();

    public string? FilePath => null;

    public void Info(string message)
    {
        if (verbosity >= Verbosity.Normal)
            Write(message);
    }

    public void Warning(string message) => Write("warning: " + message);

    public void Output(string line)
    {
        if (verbosity >= Verbosity.Verbose)
            Write("  " + line);
    }

    void Write(string line)
    {
        line = secrets.Aggregate(line, (current, secret) => current.Replace(secret, "****", StringComparison.Ordinal));
        lock (gate)
        {
            console.WriteLine(line);
            console.Flush();
        }
    }
}
