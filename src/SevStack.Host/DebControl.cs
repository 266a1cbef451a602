namespace SevStack.Host;

/// <summary>Reads deb822 control stanzas (Packages files, dpkg-deb --field output): Field: value, continuation lines start with a space.</summary>
public static class DebControl
{
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> ParseStanzas(string text)
    {
        var stanzas = new List<IReadOnlyDictionary<string, string>>();
        var current = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        foreach (var line in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (line.Trim().Length == 0)
            {
                if (current.Count > 0) stanzas.Add(current);
                current = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                last = null;
            }
            else if ((line[0] == ' ' || line[0] == '\t') && last is not null)
                current[last] += "\n" + line.Trim();
            else if (line.IndexOf(':') is var colon and > 0)
            {
                last = line[..colon];
                current[last] = line[(colon + 1)..].Trim();
            }
        }
        if (current.Count > 0) stanzas.Add(current);
        return stanzas;
    }
}
