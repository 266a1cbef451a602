namespace SevStack.Testing;

/// <summary>The summary table as a test reads it: a target's row with the lines its note wraps onto (the table fits 80 columns).</summary>
public static class SummaryRows
{
    /// <summary>The last row of <paramref name="target"/> in <paramref name="output"/>, continuation lines joined; fails the test without one.</summary>
    public static string Row(string output, string target)
    {
        var lines = output.Split('\n');
        var row = Array.FindLastIndex(lines, l => l.TrimStart().StartsWith(target + " ", StringComparison.Ordinal));
        if (row < 0)
            throw new Xunit.Sdk.XunitException($"no summary line for {target} in:\n{output}");
        var indent = lines[row].Length - lines[row].TrimStart().Length;
        var wrapped = lines.Skip(row + 1).TakeWhile(l => l.Trim().Length > 0 && l.Length - l.TrimStart().Length > indent + 8).Select(l => l.Trim());
        return string.Join(' ', [lines[row].TrimEnd(), .. wrapped]);
    }
}
