namespace SevStack.Toolkit.Processes;

/// <summary>
/// A program that is not installed, or that could not be started: one line naming it, and for a missing one the Debian
/// package that provides it (<see cref="ToolPackages"/>).
/// </summary>
/// <param name="startFailure">Why a program that is there did not start; null when it is not there at all.</param>
public sealed class ToolNotFoundException(string program, string? startFailure = null) : Exception(Describe(program, startFailure))
{
    public string Program { get; } = program;

    static string Describe(string program, string? startFailure)
    {
        if (startFailure is not null)
            return $"'{program}' could not be started: {string.Join(' ', startFailure.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries))}";
        var missing = program.Contains('/') ? $"'{program}' does not exist or is not executable" : $"'{program}' was not found on PATH";
        return ToolPackages.For(program) is { } package
            ? $"{missing}: install the Debian package {package} (apt-get install {package})"
            : $"{missing}: install it, or put it on PATH";
    }
}
