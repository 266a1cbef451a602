using SevStack.Components.Kernel;
using SevStack.Toolkit.Processes;
using SevStack.Testing;

namespace SevStack.Components.Tests.Kernel;

public sealed class UnbootableKernelDefaultTests
{
    readonly MemoryBuildLog log = new();
    ICommandRunner Runner => new CliWrapCommandRunner(log, Privilege.Detect());

    /// <summary>A linux-image package as bindeb-pkg makes it, with <paramref name="config"/> as /boot/config-RELEASE (none when null).</summary>
    public static async Task<string> ImageDeb(TempDirectory temp, string release, string? config)
    {
        var root = temp.Combine("pkg-" + release);
        Directory.CreateDirectory(Path.Combine(root, "DEBIAN"));
        Directory.CreateDirectory(Path.Combine(root, "boot"));
        File.WriteAllText(Path.Combine(root, "DEBIAN", "control"),
            $"Package: linux-image-{release}\nVersion: {release}-1\nArchitecture: amd64\nMaintainer: Test <test@example.invalid>\nDescription: fixture kernel\n");
        File.WriteAllText(Path.Combine(root, "boot", "vmlinuz-" + release), "not a kernel\n");
        if (config is not null)
            File.WriteAllText(Path.Combine(root, "boot", "config-" + release), config);
        var deb = temp.Combine($"linux-image-{release}_{release}-1_amd64.deb");
        await new CliWrapCommandRunner(new MemoryBuildLog(), Privilege.Detect()).RunAsync(new CommandSpec("dpkg-deb", "--root-owner-group", "--build", root, deb));
        return deb;
    }

    [Fact]
    public async Task A_package_whose_config_lacks_boot_critical_options_is_refused_in_one_line_naming_them_and_the_override()
    {
        using var temp = new TempDirectory();
        var deb = await ImageDeb(temp, "6.1.0-tiny", "CONFIG_MODULES=y\nCONFIG_BLK_DEV_INITRD=y\nCONFIG_DEVTMPFS=y\nCONFIG_PCI=y\nCONFIG_PCI_MSI=y\nCONFIG_ACPI=y\nCONFIG_EFI=y\nCONFIG_EFI_STUB=y\n" +
            "CONFIG_BLK_DEV_NVME=y\nCONFIG_EXT4_FS=y\nCONFIG_UNIX=y\nCONFIG_TMPFS=y\nCONFIG_INOTIFY_USER=y\nCONFIG_SIGNALFD=y\nCONFIG_TIMERFD=y\nCONFIG_EPOLL=y\nCONFIG_FHANDLE=y\nCONFIG_CGROUPS=y\n" +
            "CONFIG_NET=y\nCONFIG_INET=y\nCONFIG_PACKET=y\nCONFIG_KVM=m\nCONFIG_KVM_AMD=m\n# CONFIG_AMD_IOMMU is not set\n");

        var refusal = await UnbootableKernelDefault.RefusalAsync(Runner, deb, "always");

        Assert.Equal("linux-image-6.1.0-tiny_6.1.0-tiny-1_amd64.deb has a kernel config that lacks what a server needs to boot: " +
            "one of IGB|IGC|IXGBE|I40E|ICE|BNXT|MLX5_CORE|TIGON3|BNX2X|QEDE|SFC|E1000E|R8169, AMD_IOMMU; it will not be made the boot default (--grub-default always): " +
            "build the host kernel with a bootable --kernel-config (distribution), install it with --grub-default no, or pass --allow-unbootable-kernel-default", refusal);
        Assert.Contains(log.Lines, l => l.StartsWith("$ bash -c 'set -o pipefail; dpkg-deb --fsys-tarfile", StringComparison.Ordinal) && l.EndsWith(deb, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_complete_config_passes_and_a_package_without_one_is_refused()
    {
        using var temp = new TempDirectory();
        var complete = await ImageDeb(temp, "6.1.0-server", string.Join('\n', BootCriticalOptions.All.SelectMany(r => r.AnyOf[0]).Select(o => $"CONFIG_{o}=m")) + "\n");
        var without = await ImageDeb(temp, "6.1.0-bare", null);

        Assert.Null(await UnbootableKernelDefault.RefusalAsync(Runner, complete, "once"));
        Assert.StartsWith("linux-image-6.1.0-bare_6.1.0-bare-1_amd64.deb holds no /boot/config-* to check; it will not be made the boot default (--grub-default once)",
            await UnbootableKernelDefault.RefusalAsync(Runner, without, "once"));
    }
}
