namespace SevStack.Components.Kernel;

/// <summary>
/// The kernel options for SEV-SNP, on top of <see cref="KernelSevOptions"/>: read from Linux 6.12's Kconfig files
/// (arch/x86/Kconfig, arch/x86/kvm/Kconfig, virt/kvm/Kconfig, drivers/crypto/ccp/Kconfig, drivers/iommu/Kconfig,
/// drivers/iommu/amd/Kconfig, drivers/virt/Kconfig, drivers/virt/coco/Kconfig, drivers/virt/coco/sev-guest/Kconfig).
/// </summary>
public static class KernelSnpOptions
{
    /// <summary>KVM runs SEV-SNP guests from Linux 6.11 on (the SNP host series, merged for 6.11).</summary>
    public static Version MinimumHostVersion { get; } = new(6, 11);

    /// <summary>The SNP guest driver (SEV_GUEST) and the guest's SNP boot support came with Linux 5.19.</summary>
    public static Version MinimumGuestVersion { get; } = new(5, 19);

    /// <summary>
    /// Host: the SEV host options (KVM and KVM_AMD as modules, KVM_AMD_SEV, AMD_MEM_ENCRYPT, the CCP/PSP driver) and:
    /// <list type="bullet">
    /// <item>ARCH_HAS_CC_PLATFORM: without it the boot CPU code never marks the host SNP-capable (CC_ATTR_HOST_SEV_SNP) and arch/x86/coco is not built; selected by AMD_MEM_ENCRYPT and KVM_AMD_SEV.</item>
    /// <item>KVM_GENERIC_PRIVATE_MEM: guest_memfd (KVM_CREATE_GUEST_MEMFD) and per-page private/shared attributes, the guest memory QEMU 10 gives an SNP guest; selected by KVM_AMD_SEV (6.12).</item>
    /// <item>HAVE_KVM_ARCH_GMEM_PREPARE, HAVE_KVM_ARCH_GMEM_INVALIDATE: kvm_amd's hooks that assign guest_memfd pages to the guest in the RMP and reclaim them; selected by KVM_AMD_SEV (6.12), so a kernel without them has no SNP host code.</item>
    /// <item>IOMMU_SUPPORT, AMD_IOMMU: the host turns SNP on only with the AMD IOMMU enabled and SNP-capable (amd_iommu_snp_en, drivers/iommu/amd/init.c), and CRYPTO_DEV_SP_PSP depends on AMD_IOMMU (6.12).</item>
    /// <item>IOMMU_DEFAULT_PASSTHROUGH off: the IOMMU driver refuses SNP when the default domain is passthrough.</item>
    /// </list>
    /// KVM_AMD_SEV itself builds arch/x86/virt/svm/sev.o (the RMP table set-up) in 6.12.
    /// </summary>
    public static IReadOnlyList<KconfigSetting> Host { get; } = ScriptsConfigArguments.Merge(
        KernelSevOptions.Host(memoryEncryptionActiveByDefault: false),
        [
            KconfigSetting.Yes("ARCH_HAS_CC_PLATFORM"),
            KconfigSetting.Yes("KVM_GENERIC_PRIVATE_MEM"),
            KconfigSetting.Yes("HAVE_KVM_ARCH_GMEM_PREPARE"),
            KconfigSetting.Yes("HAVE_KVM_ARCH_GMEM_INVALIDATE"),
            KconfigSetting.Yes("IOMMU_SUPPORT"),
            KconfigSetting.Yes("AMD_IOMMU"),
            KconfigSetting.No("IOMMU_DEFAULT_PASSTHROUGH"),
        ]);

    /// <summary>
    /// Guest (the Kata guest kernel, shipped as bzImage and vmlinux without modules, so everything is built in): the SEV
    /// guest options and:
    /// <list type="bullet">
    /// <item>VIRT_DRIVERS: the menu drivers/virt/coco (SEV_GUEST) is in.</item>
    /// <item>SEV_GUEST: /dev/sev-guest, through which the guest asks the PSP for attestation reports and derived keys.</item>
    /// <item>TSM_REPORTS (6.7+): the configfs-tsm report interface (/sys/kernel/config/tsm/report) attestation agents read; selected by SEV_GUEST.</item>
    /// <item>CONFIGFS_FS: the file system that interface lives in; selected by TSM_REPORTS.</item>
    /// <item>UNACCEPTED_MEMORY (6.5+): lets the guest accept (PVALIDATE) memory as it uses it, which OVMF leaves unaccepted for a guest that says it can; selected by AMD_MEM_ENCRYPT.</item>
    /// </list>
    /// </summary>
    public static IReadOnlyList<KconfigSetting> Guest { get; } = ScriptsConfigArguments.Merge(
        KernelSevOptions.Guest(memoryEncryptionActiveByDefault: false),
        [
            KconfigSetting.Yes("VIRT_DRIVERS"),
            KconfigSetting.Yes("SEV_GUEST"),
            new("TSM_REPORTS", "y", KconfigCheck.WhereDeclared),
            KconfigSetting.Yes("CONFIGFS_FS"),
            new("UNACCEPTED_MEMORY", "y", KconfigCheck.WhereDeclared),
        ]);
}
