namespace SevStack.Toolkit.Files;

/// <summary>A small unified diff (longest common subsequence of lines), enough for configuration files.</summary>
public static class LineDiff
{
    public static IReadOnlyList<string> Unified(string before, string after, string fromName, string toName, int context = 3)
    {
        var a = SplitLines(before);
        var b = SplitLines(after);
        var edits = Edits(a, b);
        var output = new List<string>();
        if (edits.All(e => e.Kind == ' '))
            return output;
        output.Add($"--- {fromName}");
        output.Add($"+++ {toName}");
        var i = 0;
        while (i < edits.Count)
        {
            if (edits[i].Kind == ' ') { i++; continue; }
            var start = Math.Max(0, i - context);
            var end = i;
            while (end < edits.Count)
            {
                var nextChange = edits.FindIndex(end, e => e.Kind != ' ');
                if (nextChange < 0 || nextChange - end > 2 * context) break;
                end = nextChange + 1;
            }
            end = Math.Min(edits.Count, end + context);
            var hunk = edits.GetRange(start, end - start);
            var oldStart = hunk[0].OldLine;
            var newStart = hunk[0].NewLine;
            output.Add($"@@ -{Range(oldStart, hunk.Count(e => e.Kind != '+'))} +{Range(newStart, hunk.Count(e => e.Kind != '-'))} @@");
            output.AddRange(hunk.Select(e => e.Kind + e.Text));
            i = end;
        }
        return output;
    }

    /// <summary>A hunk range as diff(1) writes it: an empty range names the line before it (0 at the top of the file).</summary>
    static string Range(int firstIndex, int count) => $"{(count == 0 ? firstIndex : firstIndex + 1)},{count}";

    static string[] SplitLines(string text) =>
        text.Length == 0 ? [] : text.TrimEnd('\n').Split('\n');

    sealed record Edit(char Kind, string Text, int OldLine, int NewLine);

    static List<Edit> Edits(string[] a, string[] b)
    {
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
            for (var j = b.Length - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        var edits = new List<Edit>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y]) { edits.Add(new(' ', a[x], x, y)); x++; y++; }
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1])) { edits.Add(new('-', a[x], x, y)); x++; }
            else { edits.Add(new('+', b[y], x, y)); y++; }
        }
        return edits;
    }
}
