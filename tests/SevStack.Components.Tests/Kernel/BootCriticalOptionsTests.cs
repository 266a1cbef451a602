using SevStack.Components.Kernel;

namespace SevStack.Components.Tests.Kernel;

public sealed class BootCriticalOptionsTests
{
    /// <summary>What Debian's amd64 config has of the checked options (values as in linux-config-6.1's config.amd64_none_amd64).</summary>
    static readonly string[] DebianLike =
    [
        "CONFIG_MODULES=y", "CONFIG_BLK_DEV_INITRD=y", "CONFIG_DEVTMPFS=y", "CONFIG_PCI=y", "CONFIG_PCI_MSI=y", "CONFIG_ACPI=y",
        "CONFIG_EFI=y", "CONFIG_EFI_STUB=y", "CONFIG_BLK_DEV_NVME=m", "CONFIG_SATA_AHCI=m", "CONFIG_BLK_DEV_SD=m", "CONFIG_EXT4_FS=m",
        "CONFIG_XFS_FS=m", "CONFIG_UNIX=y", "CONFIG_TMPFS=y", "CONFIG_INOTIFY_USER=y", "CONFIG_SIGNALFD=y", "CONFIG_TIMERFD=y",
        "CONFIG_EPOLL=y", "CONFIG_FHANDLE=y", "CONFIG_CGROUPS=y", "CONFIG_NET=y", "CONFIG_INET=y", "CONFIG_PACKET=y", "CONFIG_IGB=m",
        "CONFIG_AMD_IOMMU=y", "CONFIG_KVM=m", "CONFIG_KVM_AMD=m",
    ];

    [Fact]
    public void A_distribution_like_config_meets_every_requirement_with_modules_counting()
    {
        Assert.Empty(BootCriticalOptions.Missing(KernelConfigFile.Parse(DebianLike)));
    }

    [Fact]
    public void One_alternative_of_a_group_suffices_and_a_missing_group_is_named_by_its_alternatives()
    {
        var nvmeOnlyXfs = DebianLike.Where(l => !l.StartsWith("CONFIG_SATA_AHCI", StringComparison.Ordinal) && !l.StartsWith("CONFIG_EXT4_FS", StringComparison.Ordinal));
        var noNicNoIommu = DebianLike.Where(l => l is not "CONFIG_IGB=m" and not "CONFIG_AMD_IOMMU=y").Append("# CONFIG_AMD_IOMMU is not set");

        Assert.Empty(BootCriticalOptions.Missing(KernelConfigFile.Parse(nvmeOnlyXfs)));
        Assert.Equal(["IGB|IGC|IXGBE|I40E|ICE|BNXT|MLX5_CORE|TIGON3|BNX2X|QEDE|SFC|E1000E|R8169", "AMD_IOMMU"],
            BootCriticalOptions.Missing(KernelConfigFile.Parse(noNicNoIommu)).Select(r => r.Name));
    }

    [Fact]
    public void A_tinyconfig_kernel_lacks_storage_file_systems_networking_and_the_iommu()
    {
        var tiny = KernelConfigFile.Parse(["CONFIG_MODULES=y", "CONFIG_BLK_DEV_INITRD=y", "CONFIG_DEVTMPFS=y", "CONFIG_PCI=y", "CONFIG_ACPI=y", "CONFIG_KVM=m", "CONFIG_KVM_AMD=m"]);

        var missing = BootCriticalOptions.Missing(tiny).Select(r => r.What).ToList();

        Assert.Equal(["PCI", "EFI", "disk controller", "root file system", "systemd", "networking", "server NIC", "AMD IOMMU"], missing);
    }

    [Fact]
    public void Every_requirement_says_why()
    {
        Assert.All(BootCriticalOptions.All, r => Assert.True(r.Why.Length > 20 && r.AnyOf.Count > 0 && r.AnyOf.All(a => a.Count > 0), r.What));
    }
}
