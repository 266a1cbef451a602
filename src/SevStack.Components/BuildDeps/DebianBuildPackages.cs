namespace SevStack.Components.BuildDeps;

/// <summary>
/// The Debian 12 packages each component build needs, checked on a fresh minbase system
/// (offline-build-notes E1). Listed explicitly so that no deb-src entry is needed.
/// </summary>
public static class DebianBuildPackages
{
    public static readonly IReadOnlyList<string> Common =
        ["build-essential", "fakeroot", "dpkg-dev", "file", "pkg-config", "python3"];

    /// <summary>debhelper: from 6.3 on, bindeb-pkg's debian/control declares debhelper-compat (= 12), which dpkg-buildpackage checks.</summary>
    public static readonly IReadOnlyList<string> Kernel =
        ["bc", "flex", "bison", "libelf-dev", "libssl-dev", "rsync", "cpio", "kmod", "debhelper"];

    /// <summary>python3-venv: QEMU 8.1+ configures its meson in a venv (pyvenv) made with Python's venv module, which Debian ships apart.</summary>
    public static readonly IReadOnlyList<string> Qemu =
        ["ninja-build", "meson", "python3-venv", "libglib2.0-dev", "libpixman-1-dev", "zlib1g-dev", "libfdt-dev", "libslirp-dev"];

    /// <summary>Extra libraries of the Kata flavour (virtfs needs attr and cap-ng).</summary>
    public static readonly IReadOnlyList<string> QemuKata = ["libattr1-dev", "libcap-ng-dev"];

    public static readonly IReadOnlyList<string> Ovmf = ["nasm", "acpica-tools", "uuid-dev"];

    /// <summary>AmdSevX64.dsc embeds a GRUB image made with grub-mkimage, mkfs.msdos and mtools.</summary>
    public static readonly IReadOnlyList<string> OvmfAmdSev = ["grub-efi-amd64-bin", "grub-common", "dosfstools", "mtools"];

    /// <summary>Static busybox for the initramfs; SeaBIOS and QEMU's option ROMs for the firmware-less boot.</summary>
    public static readonly IReadOnlyList<string> SmokeBoot = ["busybox-static", "seabios", "qemu-system-data"];

    /// <summary>The compiler cache of the kernel and QEMU builds (<c>--ccache</c>).</summary>
    public static readonly IReadOnlyList<string> CompilerCache = ["ccache"];

    /// <summary>debootstrap makes a build root, bubblewrap runs the build's commands inside it.</summary>
    public static readonly IReadOnlyList<string> BuildRoot = ["debootstrap", "bubblewrap"];

    public static IReadOnlyList<string> For(BuildComponent component) => component switch
    {
        BuildComponent.Kernel => [.. Common, .. Kernel],
        BuildComponent.Qemu => [.. Common, .. Qemu],
        BuildComponent.Ovmf => [.. Common, .. Ovmf],
        BuildComponent.OvmfAmdSev => [.. Common, .. Ovmf, .. OvmfAmdSev],
        BuildComponent.SmokeBoot => [.. SmokeBoot],
        BuildComponent.CompilerCache => [.. CompilerCache],
        BuildComponent.KataQemu => [.. Common, .. Qemu, .. QemuKata],
        BuildComponent.BuildRoot => [.. BuildRoot],
        _ => throw new ArgumentOutOfRangeException(nameof(component), component, null),
    };

    /// <summary>The union for several components, in first-seen order, without duplicates.</summary>
    public static IReadOnlyList<string> For(IEnumerable<BuildComponent> components) =>
        components.SelectMany(For).Distinct(StringComparer.Ordinal).ToList();
}
