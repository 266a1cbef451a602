namespace SevStack.Toolkit.Processes;

/// <summary>Quotes an argument so that a POSIX shell would read it back unchanged.</summary>
public static class ShellQuote
{
    public static string Quote(string argument)
    {
        if (argument.Length > 0 && argument.All(IsSafe))
            return argument;
        return "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    static bool IsSafe(char c) => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@%^".Contains(c);
}
