namespace SevStack.Engine.Caching;

/// <summary>Which manifest fields differ between a stored entry and the key being built, in words.</summary>
public static class ManifestDiff
{
    public static IReadOnlyList<string> ChangedFields(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> now) =>
        before.Keys.Union(now.Keys).Order(StringComparer.Ordinal)
            .Where(f => before.GetValueOrDefault(f) != now.GetValueOrDefault(f))
            .ToList();

    /// <summary>One line per changed field: <c>inputs.patches: order changed</c>, <c>tools.gcc: "12" → "13"</c>.</summary>
    public static IReadOnlyList<string> Describe(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> now) =>
        ChangedFields(before, now).Select(f => (before.GetValueOrDefault(f), now.GetValueOrDefault(f)) switch
        {
            (null, var added) => $"{f}: added {Show(added!)}",
            (var removed, null) => $"{f}: removed (was {Show(removed)})",
            var (old, current) when old.Contains('\n') || current.Contains('\n') => $"{f}: {DescribeList(old.Split('\n'), current.Split('\n'))}",
            var (old, current) when f.StartsWith("upstream.", StringComparison.Ordinal) => $"{f}: key {old[..Math.Min(8, old.Length)]} → {current[..Math.Min(8, current.Length)]}",
            var (old, current) => $"{f}: {Show(old)} → {Show(current)}",
        }).ToList();

    /// <summary>Lists of <c>name hash</c> items (patches): says which items were added, removed, changed or reordered.</summary>
    static string DescribeList(string[] old, string[] current)
    {
        static string Name(string item) => item.Split(' ')[0];
        if (old.Order(StringComparer.Ordinal).SequenceEqual(current.Order(StringComparer.Ordinal)))
            return "order changed";
        var oldByName = old.GroupBy(Name).ToDictionary(g => g.Key, g => g.First());
        var currentByName = current.GroupBy(Name).ToDictionary(g => g.Key, g => g.First());
        var parts = new List<string>();
        parts.AddRange(currentByName.Keys.Where(n => !oldByName.ContainsKey(n)).Select(n => $"{n} added"));
        parts.AddRange(oldByName.Keys.Where(n => !currentByName.ContainsKey(n)).Select(n => $"{n} removed"));
        parts.AddRange(currentByName.Where(kv => oldByName.TryGetValue(kv.Key, out var was) && was != kv.Value).Select(kv => $"{kv.Key} changed"));
        return parts.Count > 0 ? string.Join(", ", parts) : "order changed";
    }

    static string Show(string value) => "\"" + (value.Length > 48 ? value[..45] + "..." : value) + "\"";
}
