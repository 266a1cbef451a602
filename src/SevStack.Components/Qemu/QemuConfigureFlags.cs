namespace SevStack.Components.Qemu;

/// <summary>
/// The configure flags per flavour. Both start from <c>--without-default-features</c> (every optional feature
/// off) and turn KVM on: QEMU's SEV code depends on KVM (<c>config SEV ... depends on KVM</c>).
/// </summary>
public static class QemuConfigureFlags
{
    /// <summary>
    /// Debian's QEMU source ships no firmware blobs (dfsg); like Debian's own build, look for them where qemu-system-data,
    /// seabios and ipxe-qemu put them (the packages name those as dependencies).
    /// </summary>
    public const string DebianFirmwarePath = "--firmwarepath=/usr/share/qemu:/usr/share/seabios:/usr/lib/ipxe/qemu";

    public static readonly IReadOnlyList<string> FirmwarePackages = ["qemu-system-data", "seabios", "ipxe-qemu"];

    /// <summary>
    /// From QEMU 8.0 on, <c>--disable-install-blobs</c>: Debian's <c>+ds</c> source of QEMU 10.0 has no firmware blobs,
    /// and its meson stops at the first one it cannot install (<c>File bios.bin does not exist</c>, seen in trixie's
    /// root). QEMU 7.2 (the debian profile's) is configured as before, so its cached builds stay valid.
    /// </summary>
    public static Version FirstWithoutBlobs { get; } = new(8, 0);

    /// <param name="version">The source's VERSION; null when it is not known (a dry run before the fetch).</param>
    public static IReadOnlyList<string> For(QemuFlavour flavour, string prefix, bool slirpAvailable, Version? version = null)
    {
        var flags = flavour switch
        {
            QemuFlavour.Host => Host(prefix, slirpAvailable),
            QemuFlavour.Kata => Kata(prefix),
            _ => throw new ArgumentOutOfRangeException(nameof(flavour), flavour, null),
        };
        return version >= FirstWithoutBlobs ? [.. flags, "--disable-install-blobs"] : flags;
    }

    /// <summary>TCG stays on (it runs guests where KVM is not usable); user networking when libslirp is installed.</summary>
    static IReadOnlyList<string> Host(string prefix, bool slirpAvailable)
    {
        var flags = new List<string>
        {
            "--target-list=x86_64-softmmu", "--prefix=" + prefix, "--disable-docs", "--without-default-features",
            "--enable-kvm", "--disable-debug-info", DebianFirmwarePath,
        };
        if (slirpAvailable)
            flags.Add("--enable-slirp");
        return flags;
    }

    /// <summary>
    /// The original Kata set: KVM only (no TCG), vhost-net and 9p (virtfs with attr and cap-ng), no UI, no tools,
    /// no user networking, no seccomp/TPM/USB/block backends; hardening flags for the compiler and linker.
    /// </summary>
    static IReadOnlyList<string> Kata(string prefix) =>
    [
        "--target-list=x86_64-softmmu", "--prefix=" + prefix, "--disable-docs", "--without-default-features",
        "--enable-kvm", "--disable-tcg", "--disable-debug-info", DebianFirmwarePath,
        "--enable-vhost-net", "--enable-vhost-kernel", "--enable-virtfs", "--enable-attr", "--enable-cap-ng",
        "--extra-cflags=-fstack-protector-strong",
        "--extra-ldflags=-Wl,-z,relro -Wl,-z,now -Wl,-z,noexecstack",
    ];
}
