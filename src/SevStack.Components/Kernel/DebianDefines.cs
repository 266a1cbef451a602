using SevStack.Toolkit;

namespace SevStack.Components.Kernel;

/// <summary>
/// A <c>debian/config/**/defines</c> file of Debian's linux source package: <c>[section]</c> or <c>[flavour_section]</c>
/// headers, <c>key: value</c> lines, and lines starting with a space that continue the value as more list items.
/// </summary>
public sealed class DebianDefines
{
    readonly Dictionary<string, Dictionary<string, List<string>>> sections;

    DebianDefines(Dictionary<string, Dictionary<string, List<string>>> sections) => this.sections = sections;

    public static DebianDefines Empty { get; } = new([]);

    public static DebianDefines Read(string path) => File.Exists(path) ? Parse(File.ReadLines(path), path) : Empty;

    public static DebianDefines Parse(IEnumerable<string> lines, string where = "defines")
    {
        var sections = new Dictionary<string, Dictionary<string, List<string>>>(StringComparer.Ordinal);
        Dictionary<string, List<string>>? section = null;
        List<string>? value = null;
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd();
            if (line.Length == 0 || line.TrimStart().StartsWith('#'))
                continue;
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                var name = line[1..^1].Trim();
                if (!sections.TryGetValue(name, out section))
                    sections[name] = section = new Dictionary<string, List<string>>(StringComparer.Ordinal);
                value = null;
            }
            else if (char.IsWhiteSpace(line[0]) && value is not null)
                value.AddRange(line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            else if (section is not null && line.IndexOf(':') is var colon and > 0)
            {
                value = [.. line[(colon + 1)..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)];
                section[line[..colon].Trim()] = value;
            }
            else
                throw new BuildException($"{where}: cannot read the line '{line}' (expected [section], key: value or an indented continuation)");
        }
        return new DebianDefines(sections);
    }

    /// <summary>The value's items; null when the section or key is absent.</summary>
    public IReadOnlyList<string>? Get(string section, string key) =>
        sections.TryGetValue(section, out var keys) && keys.TryGetValue(key, out var value) ? value : null;
}
