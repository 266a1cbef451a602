namespace SevStack.Toolkit.Processes;

/// <summary>An ordinary tool failure: reported with the command, exit code and output tail, never a stack trace.</summary>
public sealed class CommandFailedException(CommandSpec spec, int exitCode, IReadOnlyList<string> outputTail, string? logPath)
    : Exception(BuildMessage(spec, exitCode, outputTail, logPath))
{
    public CommandSpec Spec { get; } = spec;
    public int ExitCode { get; } = exitCode;
    public IReadOnlyList<string> OutputTail { get; } = outputTail;
    public string? LogPath { get; } = logPath;

    static string BuildMessage(CommandSpec spec, int exitCode, IReadOnlyList<string> tail, string? logPath)
    {
        var lines = new List<string> { $"'{spec.Describe()}' exited with code {exitCode}" };
        if (spec.WorkingDirectory is not null)
            lines.Add($"  in {spec.WorkingDirectory}");
        if (tail.Count > 0)
        {
            lines.Add($"  last {tail.Count} lines of output:");
            lines.AddRange(tail.Select(l => "    " + l));
        }
        if (logPath is not null)
            lines.Add($"  full log: {logPath}");
        return string.Join(Environment.NewLine, lines);
    }
}
