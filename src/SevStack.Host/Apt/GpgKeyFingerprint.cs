namespace SevStack.Host.Apt;

/// <summary>Reads primary-key fingerprints from <c>gpg --show-keys --with-colons</c> output.</summary>
public static class GpgKeyFingerprint
{
    public static string Normalize(string fingerprint) =>
        string.Concat(fingerprint.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();

    /// <summary>True for the 40 hex digits of an OpenPGP v4 fingerprint or the 64 of a v5/v6 one, spaces allowed.</summary>
    public static bool IsWellFormed(string fingerprint) =>
        Normalize(fingerprint) is { Length: 40 or 64 } hex && hex.All(char.IsAsciiHexDigit);

    /// <summary>The fingerprint of each primary key (the <c>fpr</c> record right after a <c>pub</c> record).</summary>
    public static IReadOnlyList<string> PrimaryKeys(string colonsOutput)
    {
        var result = new List<string>();
        var afterPub = false;
        foreach (var line in colonsOutput.Split('\n', StringSplitOptions.TrimEntries))
        {
            var fields = line.Split(':');
            if (fields[0] == "pub")
                afterPub = true;
            else if (fields[0] == "fpr" && afterPub && fields.Length > 9)
            {
                result.Add(Normalize(fields[9]));
                afterPub = false;
            }
            else if (fields[0] is "sub" or "sec" or "ssb")
                afterPub = false;
        }
        return result;
    }

    /// <summary>Null when the output holds exactly one primary key, the expected one; otherwise the problem.</summary>
    public static string? Check(string colonsOutput, string expected, string keyPath)
    {
        var keys = PrimaryKeys(colonsOutput);
        var want = Normalize(expected);
        return keys switch
        {
            [] => $"{keyPath} holds no OpenPGP public key; the download of the repository's apt key failed or returned something else, check the repository URL and retry",
            [var only] when only == want => null,
            [var only] => $"{keyPath} has fingerprint {only}, not the expected {want}; do not trust it: check the repository URL and where its key comes from",
            _ => $"{keyPath} holds {keys.Count} keys ({string.Join(", ", keys)}), expected only {want}; check the repository URL and retry",
        };
    }
}
