namespace SevStack.Components.BuildRoots;

/// <summary>The releases a build root can be made for: one row per release, its facts in <see cref="TargetRelease"/>.</summary>
public static class TargetReleases
{
    const string DebianMirror = "http://deb.debian.org/debian";
    const string DebianKeyring = "/usr/share/keyrings/debian-archive-keyring.gpg";
    /// <summary>Ubuntu's ubuntu-keyring package installs it (Debian 12 has no such package: install Ubuntu's .deb).</summary>
    const string UbuntuKeyring = "/usr/share/keyrings/ubuntu-archive-keyring.gpg";
    /// <summary>Ubuntu's build dependencies (ccache among them) are partly in universe. No default mirror: the user names one.</summary>
    const string UbuntuComponents = "main universe";
    /// <summary>Every Ubuntu suite's script is debootstrap's gutsy; Debian 12's debootstrap predates noble's link to it.</summary>
    const string UbuntuScript = "/usr/share/debootstrap/scripts/gutsy";

    /// <summary>
    /// Debian 11 builds the default profile's Debian 12 sources (QEMU 7.2, edk2 2022.11), as a backport: their source
    /// packages from bookworm, their libraries from bullseye; the kernel and OVMF, whose packages link no library, on this machine. QEMU 7.2 needs meson ≥ 0.61.3; bullseye has 0.56.2, no
    /// reachable backport, and Debian's +dfsg tarball drops QEMU's bundled meson, so bookworm's (pure Python, Python ≥ 3.7;
    /// bullseye has 3.9) is installed.
    /// </summary>
    static readonly TargetRelease Bullseye = new("debian-11", "bullseye", DebianMirror, DebianKeyring)
    {
        NewerSuites = ["bookworm", "bookworm-updates"],
        PinnedTools = [new("meson", "1.0.1-5", "64c435548c1118afdcc68a5d537b99cfcd12e0556b695a81febd512d671eb666", "QEMU 7.2 needs meson >= 0.61.3; bullseye has 0.56.2")],
        // linux-image-* and sevstack-ovmf have no Depends, and the pinned linux-source-6.1 is in bookworm-security, which this root does not read.
        BuiltOnThisMachine = new HashSet<BuildDeps.BuildComponent> { BuildDeps.BuildComponent.Kernel, BuildDeps.BuildComponent.Ovmf, BuildDeps.BuildComponent.OvmfAmdSev },
    };

    public static IReadOnlyList<TargetRelease> All { get; } =
    [
        Bullseye,
        new("debian-12", "bookworm", DebianMirror, DebianKeyring),
        new("debian-13", "trixie", DebianMirror, DebianKeyring),
        new("ubuntu-18.04", "bionic", null, UbuntuKeyring, UbuntuComponents),
        new("ubuntu-20.04", "focal", null, UbuntuKeyring, UbuntuComponents),
        new("ubuntu-22.04", "jammy", null, UbuntuKeyring, UbuntuComponents),
        new("ubuntu-24.04", "noble", null, UbuntuKeyring, UbuntuComponents, UbuntuScript),
    ];

    public static TargetRelease? Find(string name) => All.FirstOrDefault(r => r.Name == name);

    /// <summary>The names, for the one line that refuses another.</summary>
    public static string Names => string.Join(", ", All.Select(r => r.Name));
}
