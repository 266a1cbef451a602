using System.Text;

namespace SevStack.Sources.Apt;

/// <summary>
/// Derives deb-src entries from the <c>deb</c> entries apt already has (one-line <c>.list</c> and deb822 <c>.sources</c>),
/// for machines that have none (a fresh Debian 12).
/// </summary>
public static class DebSrcEntries
{
    /// <summary>True when some enabled entry already provides deb-src.</summary>
    public static bool AnyDebSrc(AptEnvironment apt, string? ignoreFile = null) =>
        Files(apt, ignoreFile).Any(f => f.EndsWith(".sources", StringComparison.Ordinal)
            ? Stanzas(File.ReadAllText(f)).Any(s => Enabled(s) && Types(s).Contains("deb-src"))
            : OneLineEntries(File.ReadAllText(f)).Any(l => l.StartsWith("deb-src", StringComparison.Ordinal)));

    /// <summary>A deb822 file with a deb-src stanza for every enabled deb entry, or null when there are no deb entries.</summary>
    public static string? Derive(AptEnvironment apt, string? ignoreFile = null)
    {
        var output = new StringBuilder("# Written by SevStack for apt-get source; removed again when it is done.\n");
        var count = 0;
        foreach (var file in Files(apt, ignoreFile))
        {
            var text = File.ReadAllText(file);
            if (file.EndsWith(".sources", StringComparison.Ordinal))
            {
                foreach (var stanza in Stanzas(text).Where(s => Enabled(s) && Types(s).Contains("deb")))
                {
                    output.Append("\nTypes: deb-src\n");
                    foreach (var (key, value) in stanza.Where(f => f.Key is not ("Types" or "Architectures" or "Enabled")))
                        output.Append($"{key}: {value}\n");
                    count++;
                }
            }
            else
            {
                foreach (var line in OneLineEntries(text).Where(l => l.StartsWith("deb ", StringComparison.Ordinal) || l.StartsWith("deb\t", StringComparison.Ordinal)))
                {
                    var (options, rest) = SplitOptions(line[4..].Trim());
                    var parts = rest.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                    if (parts.Length < 2)
                        continue;
                    output.Append($"\nTypes: deb-src\nURIs: {parts[0]}\nSuites: {parts[1]}\n");
                    if (parts.Length > 2)
                        output.Append($"Components: {string.Join(' ', parts[2..])}\n");
                    if (options.TryGetValue("signed-by", out var keyring))
                        output.Append($"Signed-By: {keyring}\n");
                    count++;
                }
            }
        }
        return count == 0 ? null : output.ToString();
    }

    static IEnumerable<string> Files(AptEnvironment apt, string? ignoreFile)
    {
        if (File.Exists(apt.SourceList))
            yield return apt.SourceList;
        if (!Directory.Exists(apt.SourceParts))
            yield break;
        foreach (var file in Directory.GetFiles(apt.SourceParts).Order(StringComparer.Ordinal))
            if ((file.EndsWith(".list", StringComparison.Ordinal) || file.EndsWith(".sources", StringComparison.Ordinal)) && file != ignoreFile)
                yield return file;
    }

    static IEnumerable<string> OneLineEntries(string text) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'));

    static (Dictionary<string, string> Options, string Remainder) SplitOptions(string text)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!text.StartsWith('['))
            return (options, text);
        var end = text.IndexOf(']');
        foreach (var option in text[1..end].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            if (option.Split('=', 2) is [var key, var value])
                options[key] = value;
        return (options, text[(end + 1)..].Trim());
    }

    /// <summary>deb822 stanzas as ordered (field, value) lists; comments dropped, continuation lines joined.</summary>
    public static List<List<KeyValuePair<string, string>>> Stanzas(string text)
    {
        var stanzas = new List<List<KeyValuePair<string, string>>>();
        var current = new List<KeyValuePair<string, string>>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith('#'))
                continue;
            if (line.Trim().Length == 0)
            {
                if (current.Count > 0) stanzas.Add(current);
                current = [];
                continue;
            }
            if ((line.StartsWith(' ') || line.StartsWith('\t')) && current.Count > 0)
            {
                var last = current[^1];
                current[^1] = new(last.Key, last.Value + "\n " + line.Trim());
                continue;
            }
            var colon = line.IndexOf(':');
            if (colon > 0)
                current.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }
        if (current.Count > 0) stanzas.Add(current);
        return stanzas;
    }

    static bool Enabled(List<KeyValuePair<string, string>> stanza) =>
        !stanza.Any(f => f.Key.Equals("Enabled", StringComparison.OrdinalIgnoreCase) && f.Value.Equals("no", StringComparison.OrdinalIgnoreCase));

    static string[] Types(List<KeyValuePair<string, string>> stanza) =>
        stanza.FirstOrDefault(f => f.Key.Equals("Types", StringComparison.OrdinalIgnoreCase)).Value?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
}
