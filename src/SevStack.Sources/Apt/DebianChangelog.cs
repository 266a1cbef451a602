using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;

namespace SevStack.Sources.Apt;

/// <summary>Reads the date of the newest entry of a Debian changelog (the first " -- Name &lt;mail&gt;  date" line).</summary>
public static partial class DebianChangelog
{
    public static DateTimeOffset? NewestDate(string path)
    {
        if (!File.Exists(path))
            return null;
        using var file = File.OpenRead(path);
        using var stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            var trailer = Trailer().Match(line);
            if (trailer.Success)
                return ParseDate(trailer.Groups[1].Value);
        }
        return null;
    }

    internal static DateTimeOffset? ParseDate(string text)
    {
        var normalized = ZoneOffset().Replace(text.Trim(), "$1:$2");
        return DateTimeOffset.TryParseExact(normalized, ["ddd, d MMM yyyy HH:mm:ss zzz", "ddd, dd MMM yyyy HH:mm:ss zzz"],
            CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
    }

    [GeneratedRegex(@"^ -- .*<.*>  (.+)$")]
    private static partial Regex Trailer();

    [GeneratedRegex(@"([+-]\d\d)(\d\d)$")]
    private static partial Regex ZoneOffset();
}
