namespace SevStack.Checks.Probes;

/// <summary>The first processor entry of <c>/proc/cpuinfo</c> (all entries of one host carry the same flags).</summary>
public sealed record CpuInfo(string Vendor, string ModelName, int? Family, int? Model, IReadOnlySet<string> Flags)
{
    public bool IsAmd => Vendor == "AuthenticAMD";

    public bool Has(string flag) => Flags.Contains(flag);

    public static CpuInfo Parse(string text)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (line.Trim().Length == 0)
            {
                if (fields.Count > 0) break;
                continue;
            }
            var colon = line.IndexOf(':');
            if (colon < 0) continue;
            fields.TryAdd(line[..colon].Trim(), line[(colon + 1)..].Trim());
        }
        return new CpuInfo(
            fields.GetValueOrDefault("vendor_id", "unknown"),
            fields.GetValueOrDefault("model name", "unknown"),
            ParseInt(fields.GetValueOrDefault("cpu family")),
            ParseInt(fields.GetValueOrDefault("model")),
            fields.GetValueOrDefault("flags", "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal));
    }

    static int? ParseInt(string? value) => int.TryParse(value, out var n) ? n : null;

    public string Describe() =>
        $"{Vendor}: {ModelName}" + (Family is { } f ? $" (family {f:x}h" + (Model is { } m ? $", model {m:x}h)" : ")") : "");
}
