using System.Globalization;
using System.Text.RegularExpressions;

namespace SevStack.Checks.Probes;

/// <summary>
/// RLIMIT_MEMLOCK of the invoking process, from <c>/proc/self/limits</c> under the root (this process on the live root).
/// Null <see cref="SoftBytes"/> or <see cref="HardBytes"/> means unlimited.
/// </summary>
public sealed partial record MemlockLimit(ulong? SoftBytes, ulong? HardBytes, string Line)
{
    public const string LimitsPath = "/proc/self/limits";

    /// <summary>The limit, or null when the file is missing or has no "Max locked memory" line.</summary>
    public static MemlockLimit? Read(HostFiles files)
    {
        var line = files.ReadText(LimitsPath)?.Split('\n').FirstOrDefault(l => l.StartsWith("Max locked memory", StringComparison.Ordinal));
        if (line is null || Values().Match(line) is not { Success: true } match)
            return null;
        return new MemlockLimit(Bytes(match.Groups[1].Value), Bytes(match.Groups[2].Value), Regex.Replace(line.Trim(), @"\s{2,}", "  "));
    }

    public bool Allows(ulong bytes) => SoftBytes is not { } soft || soft >= bytes;

    public static string Show(ulong? bytes) => bytes is { } b ? $"{b / (1024 * 1024)} MiB" : "unlimited";

    static ulong? Bytes(string text) => text == "unlimited" ? null : ulong.Parse(text, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^Max locked memory\s+(\d+|unlimited)\s+(\d+|unlimited)")]
    private static partial Regex Values();
}
