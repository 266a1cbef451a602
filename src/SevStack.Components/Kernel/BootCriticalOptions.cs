namespace SevStack.Components.Kernel;

/// <summary>
/// One thing a host kernel needs to boot a typical SEV server and reach the network: met when every option of at least
/// one alternative is <c>y</c> or <c>m</c> (<see cref="BootCriticalOptions"/> says why <c>m</c> counts).
/// </summary>
/// <param name="AnyOf">Alternatives, each a set of options that must all be on (e.g. AHCI needs the SCSI disk driver too).</param>
public sealed record BootRequirement(string What, IReadOnlyList<IReadOnlyList<string>> AnyOf, string Why)
{
    public BootRequirement(string what, string option, string why) : this(what, [[option]], why) { }

    public bool IsMetBy(KernelConfigFile config) => AnyOf.Any(all => all.All(option => config[option] is "y" or "m"));

    /// <summary>The alternatives as one name: <c>EXT4_FS|XFS_FS</c>, <c>SATA_AHCI+BLK_DEV_SD</c> for options needed together.</summary>
    public string Name => string.Join("|", AnyOf.Select(all => string.Join("+", all)));

    /// <summary>What <paramref name="config"/> lacks of it: the absent options of a single alternative, else <c>one of</c> the alternatives.</summary>
    public string MissingIn(KernelConfigFile config) => AnyOf.Count == 1
        ? string.Join(", ", AnyOf[0].Where(option => config[option] is not ("y" or "m")))
        : "one of " + Name;
}

/// <summary>
/// What InstallHost checks in a kernel's /boot/config-* before making it the boot default. Modules (<c>m</c>) count as
/// present: the linux-image package's postinst runs initramfs-tools (or dracut), which puts the storage, file system and
/// driver modules the host needs into the initramfs; that is why BLK_DEV_INITRD itself must be on, and MODULES.
/// Where servers differ (disk controller, root file system, NIC), one of the common choices suffices.
/// </summary>
public static class BootCriticalOptions
{
    public static IReadOnlyList<BootRequirement> All { get; } =
    [
        new("modules", "MODULES", "drivers built as modules are loaded from the initramfs and /lib/modules"),
        new("initramfs", "BLK_DEV_INITRD", "the initramfs carries the storage and file system modules that mount the root file system"),
        new("devtmpfs", "DEVTMPFS", "udev in the initramfs and systemd expect the kernel to populate /dev"),
        new("PCI", [["PCI", "PCI_MSI"]], "NVMe, SATA controllers and NICs are PCI devices with MSI interrupts"),
        new("ACPI", "ACPI", "EPYC servers describe interrupts, PCI roots and the IOMMU (IVRS) in ACPI tables"),
        new("EFI", [["EFI", "EFI_STUB"]], "servers boot by UEFI; GRUB starts the kernel through its EFI stub"),
        new("disk controller", [["BLK_DEV_NVME"], ["SATA_AHCI", "BLK_DEV_SD"], ["MEGARAID_SAS", "BLK_DEV_SD"], ["SCSI_MPT3SAS", "BLK_DEV_SD"]],
            "the root disk is NVMe, or SATA/SAS behind AHCI or an LSI/Broadcom HBA (those through the SCSI disk driver)"),
        new("root file system", [["EXT4_FS"], ["XFS_FS"]], "Debian and Ubuntu install to ext4, RHEL-style layouts to xfs"),
        new("systemd", [["UNIX", "TMPFS", "INOTIFY_USER", "SIGNALFD", "TIMERFD", "EPOLL", "FHANDLE", "CGROUPS"]],
            "systemd, PID 1 of every supported release, refuses to start without these"),
        new("networking", [["NET", "INET", "PACKET"]], "the host is managed over IP; DHCP clients use packet sockets"),
        new("server NIC", [["IGB"], ["IGC"], ["IXGBE"], ["I40E"], ["ICE"], ["BNXT"], ["MLX5_CORE"], ["TIGON3"], ["BNX2X"], ["QEDE"], ["SFC"], ["E1000E"], ["R8169"]],
            "a driver of a common server NIC family (Intel, Broadcom, NVIDIA/Mellanox, Marvell/QLogic, AMD/Solarflare, Realtek)"),
        new("AMD IOMMU", "AMD_IOMMU", "device isolation and interrupt remapping on EPYC; SEV-ES/SNP hosts need it"),
        new("KVM", [["KVM", "KVM_AMD"]], "the SEV host runs its guests with KVM"),
    ];

    /// <summary>The requirements <paramref name="config"/> does not meet, in table order.</summary>
    public static IReadOnlyList<BootRequirement> Missing(KernelConfigFile config) => All.Where(r => !r.IsMetBy(config)).ToList();
}
