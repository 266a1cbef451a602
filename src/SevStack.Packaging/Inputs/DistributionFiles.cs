namespace SevStack.Packaging.Inputs;

/// <summary>
/// Names and paths that Debian's qemu-system-x86, qemu-system-data, qemu-utils and ovmf packages own.
/// Our packages must neither take these names nor ship these paths, so installing ours never overwrites theirs.
/// </summary>
public static class DistributionFiles
{
    static readonly string[] PackageNamePrefixes = ["qemu", "ovmf", "linux-image-", "linux-headers-", "edk2"];

    /// <summary>Directory prefixes (ending in '/') and file-name prefixes the distribution packages install.</summary>
    static readonly string[] OwnedPathPrefixes =
    [
        "/usr/bin/qemu-", "/usr/bin/virtfs-proxy-helper", "/usr/sbin/qemu-",
        "/usr/lib/qemu/", "/usr/libexec/qemu-", "/usr/share/qemu/", "/usr/share/doc/qemu",
        "/usr/share/man/man1/qemu", "/usr/share/man/man8/qemu", "/usr/share/OVMF/", "/usr/share/ovmf/",
        "/usr/share/qemu-efi", "/usr/share/doc/ovmf/", "/etc/qemu/", "/etc/qemu-ifup", "/etc/qemu-ifdown",
        "/usr/share/applications/qemu", "/usr/share/icons/hicolor/",
    ];

    public static bool IsDistributionPackageName(string name) =>
        PackageNamePrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal));

    public static bool IsOwned(string installedPath) =>
        OwnedPathPrefixes.Any(prefix => installedPath.StartsWith(prefix, StringComparison.Ordinal));
}
