using System.Text;
using SevStack.Toolkit;

namespace SevStack.Components.Ovmf;

/// <summary>Whether AmdSev's embedded GRUB must carry <c>sevsecret</c>, the module that reads the injected SEV secret.</summary>
public enum SevSecretModule
{
    /// <summary>The seed's AmdSev: GRUB unlocks the guest's disk with the secret; no module, no build.</summary>
    Required,
    /// <summary>Built without it: that GRUB always prompts for the disk password (Debian's GRUB has no such module).</summary>
    Omitted,
}

/// <summary>The GRUB script to run, and the modules of grub.sh it leaves out, each with the reason.</summary>
public sealed record GrubScript(string Path, IReadOnlyList<string> LeftOut);

/// <summary>
/// The GRUB that AmdSevX64.dsc embeds, made by <c>OvmfPkg/AmdSev/Grub/grub.sh</c> with grub-mkimage from the
/// x86_64-efi modules it lists. Run before <c>build</c> after removing any old grub.efi (edk2's prebuild keeps a
/// grub.efi newer than the script, even one made from other modules), then checked for <c>sevsecret</c>.
/// </summary>
/// <param name="moduleDirectory">The x86_64-efi folder as grub-mkimage sees it (inside the build root, if any).</param>
/// <param name="fileRoot">The build root's folder the tools run in ("" for this machine), or null when a dry run has not made
/// it yet: the modules are then not checked.</param>
public sealed class AmdSevGrub(string sourceTree, string moduleDirectory, string? fileRoot = "")
{
    public const string SecretModule = "sevsecret";
    public const string DebianModuleDirectory = "/usr/lib/grub/x86_64-efi";

    /// <summary>
    /// Modules of a distribution patch that a later GRUB folded into another: <c>linuxefi</c> came with Debian's and
    /// Fedora's GRUB 2.06; from 2.12 (Debian 13) <c>linux</c> boots EFI kernels itself and no linuxefi.mod exists.
    /// </summary>
    static readonly Dictionary<string, string> FoldedInto = new(StringComparer.Ordinal) { ["linuxefi"] = "linux" };

    string GrubDirectory => Path.Combine(sourceTree, "OvmfPkg", "AmdSev", "Grub");
    public string Script => Path.Combine(GrubDirectory, "grub.sh");
    public string Image => Path.Combine(GrubDirectory, "grub.efi");

    /// <summary>The names in grub.sh's <c>GRUB_MODULES="…"</c>.</summary>
    public IReadOnlyList<string> ListedModules()
    {
        var text = File.ReadAllText(Script);
        var start = text.IndexOf("GRUB_MODULES=\"", StringComparison.Ordinal);
        var end = start < 0 ? -1 : text.IndexOf('"', start + "GRUB_MODULES=\"".Length);
        if (end < 0)
            throw new BuildException($"{Script} lists no GRUB_MODULES; this edk2 tree's AmdSev GRUB script is not one SevStack knows.");
        return text[(start + "GRUB_MODULES=\"".Length)..end].Split((char[])[' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>
    /// Fails in one line when a module grub.sh needs is not in the module directory; otherwise removes the old grub.efi
    /// (not in a dry run) and returns the script to run: grub.sh itself, or a copy without the modules left out
    /// (<c>sevsecret</c> when omitted, a module this GRUB folded into another).
    /// </summary>
    public GrubScript Prepare(SevSecretModule secret, bool dryRun = false)
    {
        var listed = ListedModules();
        if (!listed.Contains(SecretModule) && secret == SevSecretModule.Required)
            throw new BuildException($"{Script} embeds no {SecretModule} module, so this edk2 tree's AmdSev GRUB cannot read the SEV secret; use an edk2 whose grub.sh lists it, or build AmdSev without it.");
        var missing = fileRoot is null ? [] : listed.Where(m => !HasModule(m)).ToList();
        if (missing.Contains(SecretModule) && secret == SevSecretModule.Required)
            throw new BuildException($"{moduleDirectory} has no {SecretModule}.mod, the GRUB module that reads the SEV secret ({Script} embeds it; no Debian GRUB has it): "
                + "point the GRUB module folder at a GRUB built with the SEV secret patches, or build AmdSev without it (its GRUB then asks for the disk password).");
        missing.Remove(SecretModule);
        var folded = missing.Where(m => FoldedInto.TryGetValue(m, out var into) && listed.Contains(into) && HasModule(into)).ToList();
        missing.RemoveAll(folded.Contains);
        if (missing.Count > 0)
            throw new BuildException($"{moduleDirectory} lacks the GRUB modules {string.Join(", ", missing)} that {Script} embeds; install grub-efi-amd64-bin (or point the GRUB module folder at a complete x86_64-efi folder).");
        var leftOut = listed.Contains(SecretModule) && secret == SevSecretModule.Omitted ? [.. folded, SecretModule] : folded;
        if (!dryRun)
            File.Delete(Image);
        if (leftOut.Count == 0)
            return new GrubScript(Script, []);
        var copy = Path.Combine(GrubDirectory, "grub-sevstack.sh");
        if (!dryRun)
            File.WriteAllLines(copy, File.ReadAllLines(Script).Where(l => !leftOut.Contains(l.Trim())));
        return new GrubScript(copy, leftOut.Select(m => m == SecretModule ? $"{m} (omitted)" : $"{m} (in {FoldedInto[m]} in this GRUB)").ToList());
    }

    bool HasModule(string name) => File.Exists((fileRoot ?? "") + Path.Combine(moduleDirectory, name + ".mod"));

    /// <summary>
    /// A PATH folder whose grub-mkimage takes the modules from <paramref name="moduleDirectory"/> (grub.sh passes no
    /// <c>-d</c>), or null for Debian's own folder.
    /// </summary>
    public string? MkimageShim(string realMkimage, string shimDirectory)
    {
        if (Path.GetFullPath(moduleDirectory).TrimEnd('/') == DebianModuleDirectory)
            return null;
        Directory.CreateDirectory(shimDirectory);
        var shim = Path.Combine(shimDirectory, "grub-mkimage");
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException("edk2's AmdSev GRUB is made on Linux only.");
        File.WriteAllText(shim, $"#!/bin/sh\nexec '{realMkimage.Replace("'", "'\\''")}' -d '{moduleDirectory.Replace("'", "'\\''")}' \"$@\"\n");
        File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return shimDirectory;
    }

    /// <summary>Whether the grub.efi made holds the secret module: each embedded module carries its name in a .modname section.</summary>
    public bool ImageHasSecretModule()
    {
        if (!File.Exists(Image))
            throw new BuildException($"{Script} made no {Image}; see the build log above for the cause.");
        return File.ReadAllBytes(Image).AsSpan().IndexOf(Encoding.ASCII.GetBytes(SecretModule + "\0")) >= 0;
    }
}
