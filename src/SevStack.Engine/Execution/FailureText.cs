using SevStack.Toolkit.Processes;

namespace SevStack.Engine.Execution;

/// <summary>How a failure reads in the console: expected failures by message alone, surprises with their type.</summary>
public static class FailureText
{
    public static bool IsExpected(Exception e) => e is BuildException or CommandFailedException or ToolNotFoundException;

    public static string Describe(Exception e) => IsExpected(e) ? e.Message : $"{e.GetType().Name}: {e.Message}";

    public static string FirstLine(string text) => text.Split('\n', 2)[0].TrimEnd('\r');
}
