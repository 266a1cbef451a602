namespace SevStack.Engine.Caching;

/// <summary>Which manifest fields differ between a stored entry and the key being built, in words, with both values in full.</summary>
public static class ManifestDiff
{
    public static IReadOnlyList<string> ChangedFields(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> now) =>
        before.Keys.Union(now.Keys).Order(StringComparer.Ordinal)
            .Where(f => before.GetValueOrDefault(f) != now.GetValueOrDefault(f))
            .ToList();

    /// <summary>
    /// One line per changed field, values never shortened (two long values often differ only at their end):
    /// <c>tools.gcc: "12" → "13"</c>; a list of <c>name hash</c> items (patches) gets one line per changed item.
    /// </summary>
    public static IReadOnlyList<string> Describe(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> now) =>
        ChangedFields(before, now).SelectMany(f => (before.GetValueOrDefault(f), now.GetValueOrDefault(f)) switch
        {
            (null, var added) => [$"{f}: added {Show(added!)}"],
            (var removed, null) => [$"{f}: removed (was {Show(removed)})"],
            var (old, current) when old.Contains('\n') || current.Contains('\n') => DescribeList(old.Split('\n'), current.Split('\n')).Select(change => $"{f}: {change}"),
            var (old, current) => [$"{f}: {Show(old)} → {Show(current)}"],
        }).ToList();

    /// <summary>Lists of <c>name hash</c> items (patches): which items were added, removed or changed, or that only the order changed.</summary>
    static IReadOnlyList<string> DescribeList(string[] old, string[] current)
    {
        static string Name(string item) => item.Split(' ')[0];
        if (old.Order(StringComparer.Ordinal).SequenceEqual(current.Order(StringComparer.Ordinal)))
            return [$"order changed: {Show(string.Join(", ", old))} → {Show(string.Join(", ", current))}"];
        var oldByName = old.GroupBy(Name).ToDictionary(g => g.Key, g => g.First());
        var currentByName = current.GroupBy(Name).ToDictionary(g => g.Key, g => g.First());
        var changes = new List<string>();
        changes.AddRange(currentByName.Where(kv => !oldByName.ContainsKey(kv.Key)).Select(kv => $"{kv.Key} added {Show(kv.Value)}"));
        changes.AddRange(oldByName.Where(kv => !currentByName.ContainsKey(kv.Key)).Select(kv => $"{kv.Key} removed (was {Show(kv.Value)})"));
        changes.AddRange(currentByName.Where(kv => oldByName.TryGetValue(kv.Key, out var was) && was != kv.Value)
            .Select(kv => $"{kv.Key} changed {Show(oldByName[kv.Key])} → {Show(kv.Value)}"));
        return changes.Count > 0 ? changes : [$"order changed: {Show(string.Join(", ", old))} → {Show(string.Join(", ", current))}"];
    }

    static string Show(string value) => "\"" + value + "\"";
}
