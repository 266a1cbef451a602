namespace SevStack.Components.Kernel;

/// <summary>The values of a kernel <c>.config</c> (or fragment): <c>CONFIG_X=v</c> and <c># CONFIG_X is not set</c> (read as n).</summary>
public sealed class KernelConfigFile
{
    readonly Dictionary<string, string> values;

    KernelConfigFile(Dictionary<string, string> values) => this.values = values;

    public static KernelConfigFile Read(string path) => Parse(File.ReadAllLines(path));

    public static KernelConfigFile Parse(IEnumerable<string> lines)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith("# CONFIG_", StringComparison.Ordinal) && line.EndsWith(" is not set", StringComparison.Ordinal))
                values[line["# CONFIG_".Length..^" is not set".Length]] = "n";
            else if (line.StartsWith("CONFIG_", StringComparison.Ordinal) && line.IndexOf('=') is var eq and > 0)
                values[line["CONFIG_".Length..eq]] = line[(eq + 1)..];
        }
        return new KernelConfigFile(values);
    }

    /// <summary>The value as written (null when the option does not appear).</summary>
    public string? this[string name] => values.GetValueOrDefault(name);

    /// <summary>The settings, sorted by name.</summary>
    public IReadOnlyList<KconfigSetting> Settings =>
        values.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new KconfigSetting(kv.Key, kv.Value)).ToList();
}
