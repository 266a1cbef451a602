namespace SevStack.Host.Dependencies;

/// <summary>Orders Debian version strings as dpkg does ([epoch:]upstream[-revision]; ~ sorts before everything, even the end).</summary>
public sealed class DebianVersionOrder : IComparer<string>
{
    public static DebianVersionOrder Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        var (epochX, upstreamX, revisionX) = Split(x ?? "");
        var (epochY, upstreamY, revisionY) = Split(y ?? "");
        var epochs = epochX.CompareTo(epochY);
        if (epochs != 0) return epochs;
        var upstreams = CompareParts(upstreamX, upstreamY);
        return upstreams != 0 ? upstreams : CompareParts(revisionX, revisionY);
    }

    /// <summary>Whether <paramref name="version"/> satisfies the relation <paramref name="operation"/> <paramref name="bound"/> (&lt;&lt;, &lt;=, =, &gt;=, &gt;&gt;).</summary>
    public bool Satisfies(string version, string operation, string bound)
    {
        var order = Compare(version, bound);
        return operation switch
        {
            "<<" => order < 0,
            "<=" or "<" => order <= 0,
            "=" => order == 0,
            ">=" or ">" => order >= 0,
            ">>" => order > 0,
            _ => throw new ArgumentException($"unknown version relation '{operation}'", nameof(operation)),
        };
    }

    static (long Epoch, string Upstream, string Revision) Split(string version)
    {
        var colon = version.IndexOf(':');
        var epoch = colon > 0 && long.TryParse(version[..colon], out var e) ? e : 0;
        var rest = colon > 0 ? version[(colon + 1)..] : version;
        var dash = rest.LastIndexOf('-');
        return dash >= 0 ? (epoch, rest[..dash], rest[(dash + 1)..]) : (epoch, rest, "");
    }

    static int CompareParts(string a, string b)
    {
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            while ((i < a.Length && !char.IsAsciiDigit(a[i])) || (j < b.Length && !char.IsAsciiDigit(b[j])))
            {
                var difference = Weight(a, i) - Weight(b, j);
                if (difference != 0) return difference;
                i++;
                j++;
            }
            while (i < a.Length && a[i] == '0') i++;
            while (j < b.Length && b[j] == '0') j++;
            var firstDifference = 0;
            while (i < a.Length && char.IsAsciiDigit(a[i]) && j < b.Length && char.IsAsciiDigit(b[j]))
            {
                if (firstDifference == 0) firstDifference = a[i] - b[j];
                i++;
                j++;
            }
            if (i < a.Length && char.IsAsciiDigit(a[i])) return 1;
            if (j < b.Length && char.IsAsciiDigit(b[j])) return -1;
            if (firstDifference != 0) return firstDifference;
        }
        return 0;
    }

    /// <summary>dpkg's order of the non-digit characters: ~ first, then the end of the string, letters, then the rest.</summary>
    static int Weight(string text, int index)
    {
        if (index >= text.Length || char.IsAsciiDigit(text[index])) return 0;
        var c = text[index];
        return c == '~' ? -1 : char.IsAsciiLetter(c) ? c : c + 256;
    }
}
