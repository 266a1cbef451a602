namespace SevStack.Components.Kernel;

/// <summary>The kernel options SevStack sets on top of the base config, per flavour.</summary>
public static class KernelSevOptions
{
    /// <summary>
    /// Host: SEV memory encryption, KVM/KVM_AMD as modules with SEV, the CCP/PSP driver as a module
    /// (KVM_AMD_SEV needs !(KVM_AMD=y &amp;&amp; CRYPTO_DEV_CCP_DD=m), so both stay modules).
    /// </summary>
    public static IReadOnlyList<KconfigSetting> Host(bool memoryEncryptionActiveByDefault) =>
    [
        KconfigSetting.Yes("VIRTUALIZATION"),
        KconfigSetting.Yes("AMD_MEM_ENCRYPT"),
        ActiveByDefault(memoryEncryptionActiveByDefault),
        KconfigSetting.Module("KVM"),
        KconfigSetting.Module("KVM_AMD"),
        KconfigSetting.Yes("KVM_AMD_SEV"),
        KconfigSetting.Yes("CRYPTO_HW"),
        KconfigSetting.Yes("CRYPTO_DEV_CCP"),
        KconfigSetting.Module("CRYPTO_DEV_CCP_DD"),
        KconfigSetting.Yes("CRYPTO_DEV_SP_PSP"),
    ];

    /// <summary>
    /// Guest (the original scripts' Kata edits): memory encryption and AMD support on; the PSP/CCP driver
    /// (not exposed to guests) and Intel support off. Turning CPU_SUP_INTEL off needs PROCESSOR_SELECT, which needs EXPERT.
    /// </summary>
    public static IReadOnlyList<KconfigSetting> Guest(bool memoryEncryptionActiveByDefault) =>
    [
        KconfigSetting.Yes("AMD_MEM_ENCRYPT"),
        ActiveByDefault(memoryEncryptionActiveByDefault),
        KconfigSetting.Yes("MTRR"), // X86_PAT depends on it; tinyconfig has it off
        KconfigSetting.Yes("X86_PAT"),
        KconfigSetting.Yes("CPU_SUP_AMD"),
        KconfigSetting.Yes("EXPERT"),
        KconfigSetting.Yes("PROCESSOR_SELECT"),
        KconfigSetting.No("CPU_SUP_INTEL"),
        KconfigSetting.No("CRYPTO_DEV_SP_PSP"),
        KconfigSetting.No("CRYPTO_DEV_CCP_DD"),
        KconfigSetting.No("CRYPTO_DEV_CCP"),
    ];

    /// <summary>
    /// Every flavour: no debug info, no "+" in the
    /// release name, and no distribution certificate files (Ubuntu configs name files that are not in the tree).
    /// </summary>
    public static IReadOnlyList<KconfigSetting> Always { get; } =
    [
        KconfigSetting.No("DEBUG_INFO"),
        // 6.1+ chooses debug info in a choice (visible with DEBUG_KERNEL only); picking "none" keeps DEBUG_INFO off.
        new("DEBUG_INFO_NONE", "y", KconfigCheck.NotChecked),
        KconfigSetting.No("DEBUG_INFO_DWARF_TOOLCHAIN_DEFAULT"),
        KconfigSetting.No("DEBUG_INFO_DWARF4"),
        KconfigSetting.No("DEBUG_INFO_DWARF5"),
        KconfigSetting.No("LOCALVERSION_AUTO"),
        KconfigSetting.Text("SYSTEM_TRUSTED_KEYS", ""),
        KconfigSetting.Text("SYSTEM_REVOCATION_KEYS", ""),
    ];

    /// <summary>
    /// What a tinyconfig base lacks to boot on q35 (serial console, initramfs, PCI/ACPI/EFI, modules) and to
    /// offer the SEV options at all (CRYPTO for CRYPTO_HW, HIGH_RES_TIMERS for KVM).
    /// </summary>
    public static IReadOnlyList<KconfigSetting> TinyconfigEssentials(KernelFlavour flavour)
    {
        string[] names =
        [
            "64BIT", "PRINTK", "TTY", "SERIAL_8250", "SERIAL_8250_CONSOLE", "BLK_DEV_INITRD", "RD_GZIP",
            "BINFMT_ELF", "BINFMT_SCRIPT", "PROC_FS", "SYSFS", "DEVTMPFS", "DEVTMPFS_MOUNT", "MODULES",
            "MODULE_UNLOAD", "EARLY_PRINTK", "PCI", "ACPI", "EFI", "EFI_STUB", "SMP", "CPU_SUP_AMD",
            "HIGH_RES_TIMERS", "BLOCK", "VIRTIO_MENU", "VIRTIO", "VIRTIO_PCI", "VIRTIO_BLK", "VIRTIO_CONSOLE",
            "HW_RANDOM", "HW_RANDOM_VIRTIO",
        ];
        var settings = names.Select(KconfigSetting.Yes).ToList();
        if (flavour == KernelFlavour.Host)
            settings.Add(KconfigSetting.Yes("CRYPTO"));
        return settings;
    }

    static KconfigSetting ActiveByDefault(bool on) => new("AMD_MEM_ENCRYPT_ACTIVE_BY_DEFAULT", on ? "y" : "n");
}
