namespace SevStack.Components.BuildRoots;

/// <summary>The releases a build root can be made for: one row per release, its facts in <see cref="TargetRelease"/>.</summary>
public static class TargetReleases
{
    const string DebianMirror = "http://deb.debian.org/debian";
    const string DebianKeyring = "/usr/share/keyrings/debian-archive-keyring.gpg";

    public static IReadOnlyList<TargetRelease> All { get; } =
    [
        new("debian-11", "bullseye", DebianMirror, DebianKeyring),
        new("debian-12", "bookworm", DebianMirror, DebianKeyring),
        new("debian-13", "trixie", DebianMirror, DebianKeyring),
    ];

    public static TargetRelease? Find(string name) => All.FirstOrDefault(r => r.Name == name);

    /// <summary>The names, for the one line that refuses another.</summary>
    public static string Names => string.Join(", ", All.Select(r => r.Name));
}
