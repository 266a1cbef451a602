namespace SevStack.Components.Ovmf;

/// <summary>
/// AmdSevX64.dsc's prebuild step (<c>OvmfPkg/AmdSev/Grub/grub.sh</c>) embeds a GRUB with the <c>sevsecret</c>
/// module, which only out-of-tree GRUB patches provide (Debian's GRUB has none). The script keeps an existing
/// <c>grub.efi</c> that is newer than itself, so a copy without that module is run first to make one.
/// </summary>
public static class AmdSevGrubWorkaround
{
    public const string GrubModuleDirectory = "/usr/lib/grub/x86_64-efi";

    /// <summary>The script to run first, or null when the tree's grub.sh needs no workaround on this machine.</summary>
    public static string? PrepareScript(string sourceTree, string grubModuleDirectory = GrubModuleDirectory)
    {
        var grubSh = Path.Combine(sourceTree, "OvmfPkg", "AmdSev", "Grub", "grub.sh");
        if (!File.Exists(grubSh))
            return null;
        var lines = File.ReadAllLines(grubSh);
        if (!lines.Any(IsSevSecretModule) || File.Exists(Path.Combine(grubModuleDirectory, "sevsecret.mod")))
            return null;
        var copy = Path.Combine(Path.GetDirectoryName(grubSh)!, "grub-nosevsecret.sh");
        File.WriteAllLines(copy, lines.Where(l => !IsSevSecretModule(l)));
        return copy;
    }

    static bool IsSevSecretModule(string line) => line.Trim() == "sevsecret";
}
