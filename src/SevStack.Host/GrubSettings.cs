namespace SevStack.Host;

/// <summary>The /etc/default/grub.d drop-in: GRUB_DEFAULT=saved and command-line additions; update-grub reads it after /etc/default/grub.</summary>
public static class GrubSettings
{
    public const string DropInPath = "/etc/default/grub.d/sevstack.cfg";
    public const string EnvironmentPath = "/boot/grub/grubenv";
    public const string ConfigPath = "/boot/grub/grub.cfg";

    /// <returns>The drop-in text, or null when nothing needs to be set.</returns>
    public static string? DropIn(GrubDefaultMode mode, string? kernelCommandLine)
    {
        var lines = new List<string>();
        if (mode == GrubDefaultMode.Always)
            lines.Add("GRUB_DEFAULT=saved");
        if (!string.IsNullOrWhiteSpace(kernelCommandLine))
        {
            if (kernelCommandLine.IndexOfAny(['"', '$', '`', '\\', '\n']) >= 0)
                throw new SevStack.Toolkit.BuildException($"the kernel command line '{kernelCommandLine}' contains quotes, $, ` or \\; pass plain space-separated parameters such as \"mem_encrypt=on kvm_amd.sev=1\"");
            lines.Add($"GRUB_CMDLINE_LINUX_DEFAULT=\"$GRUB_CMDLINE_LINUX_DEFAULT {kernelCommandLine.Trim()}\"");
        }
        return lines.Count == 0 ? null : "# Written by SevStack InstallHost; UninstallHost removes it.\n" + string.Join("\n", lines) + "\n";
    }

    /// <summary>A value from grubenv (saved_entry, next_entry).</summary>
    public static string? EnvironmentValue(string? grubenv, string key) => grubenv?.Split('\n')
        .Where(l => l.StartsWith(key + "=", StringComparison.Ordinal)).Select(l => l[(key.Length + 1)..]).FirstOrDefault();
}
