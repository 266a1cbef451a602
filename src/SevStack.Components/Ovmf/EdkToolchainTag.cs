using System.Text.RegularExpressions;
using SevStack.Toolkit;

namespace SevStack.Components.Ovmf;

/// <summary>
/// Picks the GCC toolchain tag an edk2 tree defines: newer trees name it <c>GCC</c> (keeping <c>GCC5</c> as a
/// deprecated alias), older ones only <c>GCC5</c>, <c>GCC49</c> or <c>GCC48</c>.
/// </summary>
public static partial class EdkToolchainTag
{
    static readonly string[] Preference = ["GCC", "GCC5", "GCC49", "GCC48"];

    /// <summary>The tag a dry run plans with when the tree is not there yet: every edk2 release SevStack builds defines it.</summary>
    public const string Planned = "GCC5";

    public static string Detect(string sourceTree)
    {
        var template = Path.Combine(sourceTree, "BaseTools", "Conf", "tools_def.template");
        if (!File.Exists(template))
            throw new BuildException($"{template} is missing; {sourceTree} is not an edk2 tree.");
        var defined = File.ReadLines(template)
            .Select(l => X64CompilerPath().Match(l))
            .Where(m => m.Success)
            .Select(m => m.Groups["tag"].Value)
            .ToHashSet(StringComparer.Ordinal);
        return Preference.FirstOrDefault(defined.Contains)
            ?? throw new BuildException($"{template} defines no GCC toolchain tag ({string.Join(", ", Preference)}); this edk2 tree cannot be built with GCC.");
    }

    [GeneratedRegex(@"^\*_(?<tag>GCC\d*)_X64_CC_PATH\s*=")]
    private static partial Regex X64CompilerPath();
}
