namespace SevStack.Host.Distributions;

/// <summary>Ubuntu's LTS releases the installers know (versions from the release's own packages: libc6, apt, linux-generic, grub2).</summary>
public static class UbuntuReleases
{
    public static IReadOnlyList<DistributionRelease> All { get; } =
    [
        //  VERSION_ID  suite      glibc   apt       kernel  sources                         libssl        liburing     libaio        glib                  libslirp
        Release("18.04", "bionic", "2.27", "1.6.17", "4.15", AptSourceFormat.OneLineList, "libssl1.1", null, "libaio1", "libglib2.0-0", null),
        Release("20.04", "focal", "2.31", "2.0.10", "5.4", AptSourceFormat.OneLineList, "libssl1.1", "liburing1", "libaio1", "libglib2.0-0", "libslirp0"),
        Release("22.04", "jammy", "2.35", "2.4.13", "5.15", AptSourceFormat.OneLineList, "libssl3", "liburing2", "libaio1", "libglib2.0-0", "libslirp0"),
        Release("24.04", "noble", "2.39", "2.7.14", "6.8", AptSourceFormat.Deb822Sources, "libssl3t64", "liburing2", "libaio1t64", "libglib2.0-0t64", "libslirp0"),
    ];

    static DistributionRelease Release(string version, string codename, string glibc, string apt, string kernel, AptSourceFormat sources,
        string ssl, string? uring, string aio, string glib, string? slirp) =>
        new("ubuntu", version, codename, glibc, apt, kernel, sources, GrubTools.Debian, LibraryNames.Of(ssl, uring, aio, glib, slirp));
}
