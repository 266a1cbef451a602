using SevStack.Engine.Execution;

namespace SevStack.Host;

/// <summary>
/// The failures a step that changes a root is expected to meet (a refusal, a failed or missing tool, a file it could not
/// read or write): the step restores what it changed and lets them through; anything else is a bug and is not caught.
/// </summary>
public static class HostChangeFailure
{
    public static bool IsExpected(Exception e) => FailureText.IsExpected(e) || e is IOException or UnauthorizedAccessException;
}
