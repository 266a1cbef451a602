namespace SevStack.Toolkit.Processes;

/// <summary>
/// The Debian package that provides each program the build runs (and each library a build finds with pkg-config): for the
/// one line a missing program gets, and for the cache keys, whose tool identities are these packages' versions.
/// </summary>
public static class ToolPackages
{
    static readonly Dictionary<string, string> PackageOfProgram = new(StringComparer.Ordinal)
    {
        ["apt-cache"] = "apt", ["apt-get"] = "apt",
        ["bc"] = "bc", ["bison"] = "bison", ["bwrap"] = "bubblewrap", ["busybox"] = "busybox-static",
        ["ccache"] = "ccache", ["cloud-localds"] = "cloud-image-utils", ["containerd"] = "containerd", ["cpio"] = "cpio", ["ctr"] = "containerd",
        ["curl"] = "curl",
        ["debootstrap"] = "debootstrap", ["depmod"] = "kmod", ["dmesg"] = "util-linux", ["docker"] = "docker.io", ["dockerd"] = "docker.io",
        ["dpkg"] = "dpkg", ["dpkg-buildpackage"] = "dpkg-dev", ["dpkg-deb"] = "dpkg", ["dpkg-query"] = "dpkg", ["dpkg-shlibdeps"] = "dpkg-dev",
        ["dpkg-source"] = "dpkg-dev",
        ["fakeroot"] = "fakeroot", ["file"] = "file", ["flex"] = "flex",
        ["gcc"] = "gcc", ["genisoimage"] = "genisoimage", ["git"] = "git", ["go"] = "golang-go", ["gpg"] = "gpg", ["grub-mkimage"] = "grub-common",
        ["gzip"] = "gzip",
        ["iasl"] = "acpica-tools",
        ["ld"] = "binutils",
        ["lintian"] = "lintian",
        ["make"] = "make", ["mcopy"] = "mtools", ["meson"] = "meson", ["mkfs.ext4"] = "e2fsprogs", ["mkfs.msdos"] = "dosfstools",
        ["mksquashfs"] = "squashfs-tools", ["modprobe"] = "kmod",
        ["nasm"] = "nasm", ["ninja"] = "ninja-build",
        ["patch"] = "patch", ["pkg-config"] = "pkg-config", ["python3"] = "python3",
        ["qemu-img"] = "qemu-utils", ["qemu-system-x86_64"] = "qemu-system-x86",
        ["rsync"] = "rsync", ["runc"] = "runc",
        ["strip"] = "binutils", ["sudo"] = "sudo", ["systemctl"] = "systemd",
        ["tar"] = "tar",
        ["update-grub"] = "grub2-common", ["update-initramfs"] = "initramfs-tools",
        ["virsh"] = "libvirt-clients", ["virt-xml-validate"] = "libvirt-clients",
        ["xorriso"] = "xorriso", ["xz"] = "xz-utils",
        ["zstd"] = "zstd",
    };

    static readonly Dictionary<string, string> PackageOfLibrary = new(StringComparer.Ordinal)
    {
        ["glib-2.0"] = "libglib2.0-dev", ["pixman-1"] = "libpixman-1-dev", ["slirp"] = "libslirp-dev",
    };

    /// <summary>The package of a program given by name or by path; null for one the table does not know.</summary>
    public static string? For(string program) => PackageOfProgram.GetValueOrDefault(Path.GetFileName(program));

    /// <summary>The development package of a library by its pkg-config module name (glib-2.0); null for one the table does not know.</summary>
    public static string? ForLibrary(string module) => PackageOfLibrary.GetValueOrDefault(module);
}
