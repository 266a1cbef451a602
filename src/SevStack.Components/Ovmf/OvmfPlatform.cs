using SevStack.Toolkit;

namespace SevStack.Components.Ovmf;

/// <summary>What <c>build</c> is asked for one variant: platform, architectures, defines, and the firmware files it yields.</summary>
public sealed record OvmfPlatform(
    OvmfVariant Variant,
    string Dsc,
    IReadOnlyList<string> Architectures,
    IReadOnlyList<string> Defines,
    IReadOnlyList<string> Outputs)
{
    public const string Code = "OVMF_CODE.fd";
    public const string Vars = "OVMF_VARS.fd";
    public const string Combined = "OVMF.fd";

    /// <param name="treePending">A dry run's tree that its fetch has not made yet: the .dsc is checked by the real run.</param>
    public static OvmfPlatform For(OvmfVariant variant, OvmfBuildType buildType, string sourceTree, bool treePending = false)
    {
        var debugSerial = buildType == OvmfBuildType.Debug ? new[] { "DEBUG_ON_SERIAL_PORT=TRUE" } : [];
        var platform = variant switch
        {
            OvmfVariant.Host => new OvmfPlatform(variant, "OvmfPkg/OvmfPkgIa32X64.dsc", ["IA32", "X64"],
                ["SMM_REQUIRE=TRUE", "SECURE_BOOT_ENABLE=TRUE", .. debugSerial], [Code, Vars, Combined]),
            OvmfVariant.Kata => new OvmfPlatform(variant, "OvmfPkg/OvmfPkgX64.dsc", ["X64"],
                [.. debugSerial], [Code, Vars, Combined]),
            OvmfVariant.AmdSev => new OvmfPlatform(variant, "OvmfPkg/AmdSev/AmdSevX64.dsc", ["X64"],
                [.. debugSerial], [Combined]),
            _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, null),
        };
        if (!treePending && !File.Exists(Path.Combine(sourceTree, platform.Dsc)))
            throw new BuildException(
                $"{platform.Dsc} is not in the edk2 tree {sourceTree}; this edk2 release cannot build the {variant} OVMF variant.");
        return platform.WithoutBrokenShell(sourceTree);
    }

    /// <summary>
    /// Debian and Ubuntu patch the UEFI Shell to link SecureBootVariableLib, which the OVMF platforms only
    /// declare with Secure Boot; without Secure Boot such a tree builds only without the Shell.
    /// </summary>
    OvmfPlatform WithoutBrokenShell(string sourceTree)
    {
        if (Defines.Contains("SECURE_BOOT_ENABLE=TRUE"))
            return this;
        var shell = Path.Combine(sourceTree, "ShellPkg", "Application", "Shell", "Shell.inf");
        return File.Exists(shell) && File.ReadLines(shell).Any(l => l.Trim() == "SecureBootVariableLib")
            ? this with { Defines = [.. Defines, "BUILD_SHELL=FALSE"] }
            : this;
    }

    /// <summary>The <c>OUTPUT_DIRECTORY</c> the platform's .dsc declares, relative to the workspace.</summary>
    /// <param name="treePending">A dry run's tree that is not there yet: the folder edk2's .dsc has always declared for the platform.</param>
    public string OutputDirectory(string sourceTree, bool treePending = false)
    {
        if (treePending)
            return "Build/" + Path.GetFileNameWithoutExtension(Dsc) switch
            {
                "OvmfPkgIa32X64" => "Ovmf3264",
                "OvmfPkgX64" => "OvmfX64",
                _ => "AmdSev",
            };
        var dsc = Path.Combine(sourceTree, Dsc);
        foreach (var line in File.ReadLines(dsc))
        {
            var parts = line.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && parts[0] == "OUTPUT_DIRECTORY")
                return parts[1];
        }
        throw new BuildException($"{dsc} declares no OUTPUT_DIRECTORY; cannot tell where the firmware will be written.");
    }
}
