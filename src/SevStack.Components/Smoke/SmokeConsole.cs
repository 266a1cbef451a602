using System.Globalization;
using System.Text.RegularExpressions;

namespace SevStack.Components.Smoke;

/// <summary>Reads what the smoke init printed on the serial console.</summary>
public static partial class SmokeConsole
{
    public sealed record Report(bool MarkerSeen, IReadOnlyList<KeyValuePair<string, int>> Modules, string? KvmAmdSev, string? KernelPanic);

    public static Report Read(string console, string marker)
    {
        var lines = console.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var modules = lines.Select(l => Insmod().Match(l)).Where(m => m.Success)
            .Select(m => KeyValuePair.Create(m.Groups["name"].Value, int.Parse(m.Groups["rc"].Value, CultureInfo.InvariantCulture)))
            .ToList();
        var sev = lines.Select(l => Sev().Match(l)).LastOrDefault(m => m.Success)?.Groups["value"].Value;
        var panic = lines.FirstOrDefault(l => l.Contains("Kernel panic", StringComparison.Ordinal))?.Trim();
        return new Report(lines.Any(l => l.Trim() == marker), modules, sev, panic);
    }

    [GeneratedRegex(@"^\s*insmod (?<name>\S+) rc=(?<rc>\d+)\s*$")]
    private static partial Regex Insmod();

    [GeneratedRegex(@"^\s*kvm_amd\.sev=(?<value>\S+)\s*$")]
    private static partial Regex Sev();
}
