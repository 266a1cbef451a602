using SevStack.Toolkit.Processes;

namespace SevStack.Engine.Output;

/// <summary>A target's log: every line goes to <c>artifacts/logs/&lt;Target&gt;.log</c>; the console gets what the verbosity allows.</summary>
public sealed class TargetLog : IBuildLog, IDisposable
{
    readonly StreamWriter writer;
    readonly ConsoleReporter console;
    readonly string target;
    readonly object gate = new();
    readonly IReadOnlyList<string> secrets;

    public TargetLog(string target, string filePath, ConsoleReporter console, IReadOnlyList<string> secrets)
    {
        this.secrets = secrets;
        this.target = target;
        this.console = console;
        FilePath = filePath;
        Directory.CreateDirectory(Path.GetDirectoryName(filePath)!);
        writer = new StreamWriter(filePath, append: false) { AutoFlush = true };
    }

    public string? FilePath { get; }

    /// <summary>The most recent line of tool output, for the live status line.</summary>
    public string? LatestOutput { get; private set; }

    public void Info(string message)
    {
        message = Mask(message);
        Write(message);
        console.TargetInfo(target, message);
    }

    public void Warning(string message)
    {
        message = Mask(message);
        Write("warning: " + message);
        console.TargetWarning(target, message);
    }

    public void Output(string line)
    {
        line = Mask(line);
        Write(line);
        LatestOutput = line;
        console.TargetOutput(target, line);
    }

    string Mask(string text) =>
        secrets.Aggregate(text, (current, secret) => current.Replace(secret, "****", StringComparison.Ordinal));

    void Write(string line)
    {
        lock (gate)
            writer.WriteLine(line);
    }

    public void Dispose()
    {
        lock (gate)
            writer.Dispose();
    }
}
