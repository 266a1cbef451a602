using System.Text.RegularExpressions;

namespace SevStack.Components.Kernel;

/// <summary>
/// The output of <c>lsmod</c> on a target host (the <c>Module Size Used by</c> header, then one module a line: name,
/// size, use count, users), which <c>make localmodconfig</c> trims a config to.
/// </summary>
public static partial class LsmodListing
{
    /// <summary>Why <paramref name="lines"/> is not lsmod output, or null when it is.</summary>
    public static string? Problem(IReadOnlyList<string> lines)
    {
        var content = lines.Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
        if (content.Count == 0)
            return "is empty: give the output of lsmod on the target host (lsmod > modules.txt)";
        var modules = content[0].StartsWith("Module", StringComparison.Ordinal) ? content.Skip(1).ToList() : content;
        var lineNumber = content.Count - modules.Count;
        foreach (var line in modules)
        {
            lineNumber++;
            if (!ModuleLine().IsMatch(line))
                return $"is not lsmod output: line {lineNumber} '{Shorten(line)}' is not 'module size used-by-count [users]': give the output of lsmod on the target host";
        }
        return modules.Count == 0 ? "lists no modules: give the output of lsmod on the target host, where the drivers it boots with are loaded" : null;
    }

    /// <summary>The module names of a valid listing.</summary>
    public static IReadOnlyList<string> Modules(IEnumerable<string> lines) =>
        lines.Select(l => ModuleLine().Match(l.TrimEnd())).Where(m => m.Success).Select(m => m.Groups["name"].Value).ToList();

    static string Shorten(string line) => line.Length <= 60 ? line : line[..57] + "...";

    [GeneratedRegex(@"^(?<name>[A-Za-z0-9_-]+)\s+\d+\s+(\d+|-)(\s+\S+)?$")]
    private static partial Regex ModuleLine();
}
