namespace SevStack.Toolkit.Processes;

public sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError, TimeSpan Duration)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>True when a dry run only printed the command: the empty output says nothing of what it would answer.</summary>
    public bool Planned { get; init; }
}
