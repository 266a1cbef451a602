using System.Text.RegularExpressions;
using SevStack.Toolkit;

namespace SevStack.Components.Kernel;

/// <summary>The version a kernel tree's top Makefile declares (VERSION.PATCHLEVEL.SUBLEVEL EXTRAVERSION).</summary>
public static partial class KernelVersion
{
    public static string Read(string sourceTree)
    {
        var makefile = Path.Combine(sourceTree, "Makefile");
        if (!File.Exists(makefile))
            throw new BuildException($"{sourceTree} has no top-level Makefile; point the build at the unpacked linux source.");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(makefile).Take(20))
            if (Assignment().Match(line) is { Success: true } m)
                values[m.Groups["key"].Value] = m.Groups["value"].Value.Trim();
        if (!values.TryGetValue("VERSION", out var version) || !values.TryGetValue("PATCHLEVEL", out var patch))
            throw new BuildException($"{makefile} does not start with VERSION and PATCHLEVEL lines; is this a kernel source tree?");
        var sub = values.GetValueOrDefault("SUBLEVEL", "0");
        return $"{version}.{patch}.{sub}{values.GetValueOrDefault("EXTRAVERSION", "")}";
    }

    [GeneratedRegex(@"^(?<key>VERSION|PATCHLEVEL|SUBLEVEL|EXTRAVERSION)\s*=(?<value>.*)$")]
    private static partial Regex Assignment();
}
