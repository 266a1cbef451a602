using System.Text.RegularExpressions;

namespace SevStack.Host;

/// <summary>Finds a kernel's menu entry path ("submenu id&gt;entry id") in a generated grub.cfg.</summary>
public static partial class GrubMenu
{
    [GeneratedRegex(@"^\s*(submenu|menuentry)\s+'([^']*)'.*\$menuentry_id_option\s+'([^']+)'")]
    private static partial Regex EntryLine();

    [GeneratedRegex(@"^\s*linux\s+\S*/vmlinuz-(\S+)\s")]
    private static partial Regex LinuxLine();

    [GeneratedRegex(@"^gnulinux-advanced-(.+)$")]
    private static partial Regex AdvancedSubmenuId();

    /// <returns>The path for grub-set-default/grub-reboot, preferring the entry under "Advanced options" (it names one kernel for good).</returns>
    public static string? FindEntryPath(string grubCfg, string kernelRelease)
    {
        var open = new Stack<string?>();
        string? simpleMatch = null;
        foreach (var line in (grubCfg + "\n ").Split('\n'))
        {
            var entry = EntryLine().Match(line);
            if (entry.Success)
            {
                open.Push(entry.Groups[3].Value);
                continue;
            }
            if (LinuxLine().Match(line + " ") is { Success: true } linux && linux.Groups[1].Value == kernelRelease && open.Count > 0)
            {
                var path = string.Join(">", open.Reverse());
                if (open.Count > 1) return path;
                simpleMatch ??= path;
                continue;
            }
            if (line.Trim() == "}" && open.Count > 0)
                open.Pop();
            else if (line.TrimEnd().EndsWith('{'))
                open.Push(null);
        }
        return simpleMatch;
    }

    /// <summary>The path Debian's 10_linux will generate for a kernel that is not installed yet (for a dry run).</summary>
    public static string? PredictEntryPath(string grubCfg, string kernelRelease)
    {
        foreach (var line in grubCfg.Split('\n'))
            if (EntryLine().Match(line) is { Success: true } entry && entry.Groups[1].Value == "submenu" &&
                AdvancedSubmenuId().Match(entry.Groups[3].Value) is { Success: true } submenu)
                return $"{entry.Groups[3].Value}>gnulinux-{kernelRelease}-advanced-{submenu.Groups[1].Value}";
        return null;
    }
}
