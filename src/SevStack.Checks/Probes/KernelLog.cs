using System.Text.RegularExpressions;

namespace SevStack.Checks.Probes;

/// <summary>
/// Kernel log lines (from <c>dmesg</c> or a saved file) without their <c>[   1.234567]</c> timestamps.
/// Lines starting with <c>#</c> are comments of saved samples, not kernel output, and are dropped.
/// </summary>
public sealed partial record KernelLog(string Origin, IReadOnlyList<string> Lines)
{
    public static KernelLog Parse(string origin, string text) => new(
        origin,
        [.. text.Split('\n')
            .Select(l => Timestamp().Replace(l.TrimEnd('\r'), "").Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))]);

    public IEnumerable<string> Matching(Regex pattern) => Lines.Where(l => pattern.IsMatch(l));

    [GeneratedRegex(@"^(<\d+>)?\[\s*\d+\.\d+\]\s?")]
    private static partial Regex Timestamp();
}
