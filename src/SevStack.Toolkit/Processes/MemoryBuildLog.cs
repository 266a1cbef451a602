namespace SevStack.Toolkit.Processes;

/// <summary>A log that keeps lines in memory; for library callers and tests that need no console.</summary>
public sealed class MemoryBuildLog : IBuildLog
{
    readonly List<string> lines = [];

    public string? FilePath => null;
    public IReadOnlyList<string> Lines { get { lock (lines) return [.. lines]; } }

    public void Info(string message) { lock (lines) lines.Add(message); }
    public void Warning(string message) { lock (lines) lines.Add("warning: " + message); }
    public void Output(string line) { lock (lines) lines.Add(line); }
}
