namespace SevStack.Host.Distributions;

/// <summary>Debian's releases the installers know (versions from the release's own packages: libc6, apt, linux-image-amd64, grub2).</summary>
public static class DebianReleases
{
    public static IReadOnlyList<DistributionRelease> All { get; } =
    [
        //  VERSION_ID  suite       glibc   apt      kernel   sources                         libssl          liburing     libaio        glib                  libslirp
        Release("11", "bullseye", "2.31", "2.2.4", "5.10", AptSourceFormat.OneLineList, "libssl1.1", "liburing1", "libaio1", "libglib2.0-0", "libslirp0"),
        Release("12", "bookworm", "2.36", "2.6.1", "6.1", AptSourceFormat.OneLineList, "libssl3", "liburing2", "libaio1", "libglib2.0-0", "libslirp0"),
        Release("13", "trixie", "2.41", "3.0.3", "6.12", AptSourceFormat.Deb822Sources, "libssl3t64", "liburing2", "libaio1t64", "libglib2.0-0t64", "libslirp0"),
    ];

    static DistributionRelease Release(string version, string codename, string glibc, string apt, string kernel, AptSourceFormat sources,
        string ssl, string uring, string aio, string glib, string slirp) =>
        new("debian", version, codename, glibc, apt, kernel, sources, GrubTools.Debian, LibraryNames.Of(ssl, uring, aio, glib, slirp));
}
