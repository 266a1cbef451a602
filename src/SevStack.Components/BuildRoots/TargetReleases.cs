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

    public static IReadOnlyList<TargetRelease> All { get; } =
    [
        new("debian-11", "bullseye", DebianMirror, DebianKeyring),
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
