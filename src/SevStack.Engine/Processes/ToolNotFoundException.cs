namespace SevStack.Engine.Processes;

/// <summary>A program that is not installed: the message says which one.</summary>
public sealed class ToolNotFoundException(string program, string detail)
    : Exception($"'{program}' could not be started ({detail}); install it (see the InstallBuildDeps target) or put it on PATH")
{
    public string Program { get; } = program;
}
