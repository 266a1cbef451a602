using System.Text.RegularExpressions;

namespace SevStack.Components.Kernel;

/// <summary>
/// The <c>config NAME</c> entries of a kernel source tree's Kconfig files, read to explain why an option
/// did not survive <c>make olddefconfig</c>: its own <c>depends on</c> lines.
/// </summary>
public sealed partial class KconfigDeclarations
{
    readonly Dictionary<string, List<string>> dependsOn;

    KconfigDeclarations(Dictionary<string, List<string>> dependsOn) => this.dependsOn = dependsOn;

    /// <summary>Reads every <c>Kconfig*</c> file under <paramref name="sourceTree"/>.</summary>
    public static KconfigDeclarations Scan(string sourceTree)
    {
        var declarations = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (var file in Directory.EnumerateFiles(sourceTree, "Kconfig*", options))
            ReadInto(declarations, File.ReadLines(file));
        return new KconfigDeclarations(declarations);
    }

    public static KconfigDeclarations Parse(IEnumerable<string> lines)
    {
        var declarations = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        ReadInto(declarations, lines);
        return new KconfigDeclarations(declarations);
    }

    public bool IsDeclared(string name) => dependsOn.ContainsKey(name);

    /// <summary>The conditions of every <c>depends on</c> line of the option's entries (an option may be declared more than once).</summary>
    public IReadOnlyList<string> DependenciesOf(string name) =>
        dependsOn.TryGetValue(name, out var list) ? list : [];

    static void ReadInto(Dictionary<string, List<string>> declarations, IEnumerable<string> lines)
    {
        List<string>? current = null;
        string? continued = null;
        var inHelp = false;
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd();
            // Help text runs until the next line that starts in column 0; it is prose, not attributes.
            if (inHelp && (line.Length == 0 || char.IsWhiteSpace(line[0])))
                continue;
            inHelp = false;
            if (line.Trim() is "help" or "---help---")
            {
                inHelp = true;
                continue;
            }
            if (continued is not null)
            {
                continued += " " + line.Trim().TrimEnd('\\').Trim();
                if (!line.EndsWith('\\'))
                {
                    current?.Add(continued);
                    continued = null;
                }
                continue;
            }
            if (EntryStart().Match(line) is { Success: true } entry)
            {
                var name = entry.Groups["name"].Value;
                if (!declarations.TryGetValue(name, out current))
                    declarations[name] = current = [];
                continue;
            }
            if (BlockStart().IsMatch(line))
            {
                current = null;
                continue;
            }
            if (current is not null && DependsOn().Match(line) is { Success: true } depends)
            {
                var condition = depends.Groups["condition"].Value.Trim();
                if (condition.EndsWith('\\'))
                    continued = condition.TrimEnd('\\').Trim();
                else
                    current.Add(condition);
            }
        }
    }

    [GeneratedRegex(@"^\s*(menu)?config\s+(?<name>[A-Za-z0-9_]+)\s*$")]
    private static partial Regex EntryStart();

    [GeneratedRegex(@"^\s*(choice|endchoice|menu|endmenu|if|endif|source|comment|mainmenu)\b")]
    private static partial Regex BlockStart();

    [GeneratedRegex(@"^\s+depends\s+on\s+(?<condition>.+)$")]
    private static partial Regex DependsOn();
}
