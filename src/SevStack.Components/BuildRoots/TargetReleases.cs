namespace SevStack.Components.BuildRoots;

/// <summary>The releases a build root can be made for: one row per release, its facts in <see cref="TargetRelease"/>.</summary>
public static class TargetReleases
{
    const string DebianMirror = "http://deb.debian.org/debian";
    const string DebianKeyring = "/usr/share/keyrings/debian-archive-keyring.gpg";

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
    ];

    public static TargetRelease? Find(string name) => All.FirstOrDefault(r => r.Name == name);

    /// <summary>The names, for the one line that refuses another.</summary>
    public static string Names => string.Join(", ", All.Select(r => r.Name));
}
