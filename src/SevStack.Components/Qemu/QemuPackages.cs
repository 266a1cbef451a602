using SevStack.Components.Packages;
using SevStack.Packaging.Inputs;
using SevStack.Sources;

namespace SevStack.Components.Qemu;

/// <summary>The packages of the two QEMU flavours: sevstack-qemu (host, with the launcher) and sevstack-kata-qemu.</summary>
public static class QemuPackages
{
    public static DebPackageSpec Host(PackageSettings settings, FetchedSource source, QemuBuildResult qemu, string cacheKey, string launcherFileName) =>
        Flavour(settings, source, qemu, cacheKey) with
        {
            Name = "sevstack-qemu",
            Summary = "QEMU x86_64 system emulator with AMD SEV support",
            LongDescription = $"QEMU {Version(source)} built by SevStack for AMD SEV hosts (x86_64-softmmu, KVM), installed under {settings.Prefix}, " +
                $"with {settings.Prefix}/bin/{launcherFileName} to start plain, SEV, SEV-ES and SEV-SNP guests.",
        };

    public static DebPackageSpec Kata(PackageSettings settings, FetchedSource source, QemuBuildResult qemu, string cacheKey) =>
        Flavour(settings, source, qemu, cacheKey) with
        {
            Name = "sevstack-kata-qemu",
            Summary = "QEMU for Kata Containers guests with AMD SEV",
            LongDescription = $"QEMU {Version(source)} in Kata's hardened flavour (KVM only, no TCG, vhost-net and virtfs) built by SevStack, " +
                $"installed under {settings.Prefix}/kata apart from sevstack-qemu.",
        };

    /// <summary>The VERSION file of the QEMU source tree; before a dry run's fetch has made the tree, the source's upstream version.</summary>
    public static string Version(FetchedSource source) => Directory.Exists(source.Path)
        ? File.ReadAllText(Path.Combine(source.Path, "VERSION")).Trim()
        : source.Identity.UpstreamVersion();

    /// <summary>What both flavours share: version, staged tree, firmware dependencies, licence.</summary>
    static DebPackageSpec Flavour(PackageSettings settings, FetchedSource source, QemuBuildResult qemu, string cacheKey) => settings.Common(source, cacheKey) with
    {
        UpstreamVersion = Version(source), Architecture = "amd64",
        StagingRoot = qemu.StagingDirectory, Section = "otherosfs", Homepage = "https://www.qemu.org",
        ExtraDepends = QemuConfigureFlags.FirmwarePackages,
        Copyright = new CopyrightNotice("Fabrice Bellard and the QEMU contributors", "GPL-2",
            "On Debian systems, the complete text of the GPL-2 can be found in /usr/share/common-licenses/GPL-2."),
    };
}
