namespace SevStack.Toolkit.Processes;

/// <summary>Where a target writes what happens: its log file, and the console status line.</summary>
public interface IBuildLog
{
    string? FilePath { get; }
    void Info(string message);
    void Warning(string message);
    /// <summary>One line of a child process's output.</summary>
    void Output(string line);
}
