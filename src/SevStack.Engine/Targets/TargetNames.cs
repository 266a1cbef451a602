namespace SevStack.Engine.Targets;

/// <summary>Target names compare case-insensitively with dashes and underscores ignored (<c>build-qemu</c> = <c>BuildQemu</c>).</summary>
public static class TargetNames
{
    public static string Normalize(string name)
    {
        var normal = new System.Text.StringBuilder(name.Length);
        foreach (var c in name)
            if (c is not ('-' or '_'))
                normal.Append(char.ToLowerInvariant(c));
        return normal.ToString();
    }

    public static int Distance(string a, string b)
    {
        a = Normalize(a);
        b = Normalize(b);
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }

    /// <summary>The closest name, if it is close enough to be a likely typo.</summary>
    public static string? ClosestMatch(string name, IEnumerable<string> candidates) =>
        candidates
            .Select(c => (Name: c, Distance: Distance(name, c)))
            .Where(c => c.Distance <= Math.Max(2, c.Name.Length / 3))
            .OrderBy(c => c.Distance)
            .Select(c => c.Name)
            .FirstOrDefault();
}
