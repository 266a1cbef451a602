using SevStack.Checks.Host;
using SevStack.Checks.Tests.Support;
using SevStack.Toolkit.Processes;
using SevStack.Testing;

namespace SevStack.Checks.Tests.Host;

/// <summary>The fixture hosts of the approved reports, each built from the shared real-world samples.</summary>
static class HostFixtures
{
    /// <summary>Milan EPYC 7413 with an SNP host kernel (6.9 log wording), IOMMU on, cpuid driver loaded.</summary>
    public static HostTree EpycSnp() => new HostTree()
        .CpuInfo("cpuinfo-amd-epyc-7413-milan-snp.txt")
        .KernelRelease("6.9.0-rc7-snp-host-05b10142ac6a", "kernel-config-sev-host.txt")
        .CommandLine("BOOT_IMAGE=/vmlinuz-6.9.0-rc7-snp-host-05b10142ac6a root=/dev/mapper/vg-root ro")
        .Sysfs("snp-host")
        .KernelLog("dmesg-host-snp-6.9.txt")
        .DevSev(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite)
        .Iommu("ivhd0", "ivhd1")
        .DevKvm()
        .Memlock(null, null)
        .Identity(uid: 0, capabilities: 0x1ffffffffff)
        .SysCfg((1UL << 23) | (1UL << 24) | (1UL << 25))
        // EAX: SME, SEV, page-flush MSR, SEV-ES, SEV-SNP, VMPL; EBX: 4 VMPLs, reduction 1, C-bit 51;
        // ECX/EDX: ASIDs 1-1006, SEV-only from 510, matching "SEV enabled (ASIDs 510 - 1006)" in the log.
        .Cpuid(eax: 0x3F, ebx: (4u << 12) | (1u << 6) | 51, ecx: 1006, edx: 510);

    /// <summary>The same Milan host booted with kvm_amd's SEV parameters off, SNP off in the BIOS, checked by a user with the default 8 MiB memlock limit.</summary>
    public static HostTree EpycSevOffInModule() => new HostTree()
        .CpuInfo("cpuinfo-amd-epyc-7413-milan-snp.txt")
        .KernelRelease("6.11.0-rc3-snp-host", "kernel-config-sev-host.txt")
        .CommandLine("BOOT_IMAGE=/vmlinuz-6.11.0-rc3-snp-host root=/dev/sda2 ro")
        .KvmAmdParameter("sev", "N")
        .KvmAmdParameter("sev_es", "N")
        .KvmAmdParameter("sev_snp", "N")
        .Write("/etc/modprobe.d/kvm.conf", "# SNP host setup, later changed by hand\noptions kvm_amd sev=0 sev-es=1 sev-snp=1\n")
        .KernelLog("dmesg-host-ccp-sev-snp-firmware.txt")
        .DevSev(UnixFileMode.UserRead | UnixFileMode.UserWrite)
        .Iommu("ivhd0")
        .DevKvm()
        .Memlock(8 * 1024 * 1024, 8 * 1024 * 1024)
        .Identity(uid: 1000, capabilities: 0)
        .SysCfg(1UL << 23)
        .Cpuid(eax: 0x3F, ebx: (4u << 12) | (1u << 6) | 51, ecx: 1006, edx: 510);

    /// <summary>An Intel Xeon: no kvm_amd, no /dev/sev, no cpuid driver.</summary>
    public static HostTree Intel() => new HostTree()
        .CpuInfo("cpuinfo-intel-xeon-e5640.txt")
        .KernelRelease("5.4.0-150-generic", "kernel-config-distro-no-sev.txt")
        .CommandLine("BOOT_IMAGE=/vmlinuz-5.4.0-150-generic root=/dev/sda1 ro quiet");

    /// <summary>An AMD Opteron (family 15h): SVM, but no SEV in silicon.</summary>
    public static HostTree Opteron() => new HostTree()
        .CpuInfo("cpuinfo-amd-opteron-6282-no-sev.txt")
        .KernelRelease("5.4.0-150-generic", "kernel-config-distro-no-sev.txt")
        .CommandLine("BOOT_IMAGE=/vmlinuz-5.4.0-150-generic root=/dev/sda1 ro quiet")
        .KvmAmdParameter("nested", "1");

    /// <summary>A Milan host whose SEV firmware fails INIT (old PSP bootloader).</summary>
    public static HostTree FirmwareInitFailed() => new HostTree()
        .CpuInfo("cpuinfo-amd-epyc-7413-milan-snp.txt")
        .KernelRelease("6.11.0-rc3-snp-host", "kernel-config-sev-host.txt")
        .CommandLine("BOOT_IMAGE=/vmlinuz-6.11.0-rc3-snp-host root=/dev/sda2 ro")
        .Sysfs("snp-host")
        .KernelLog("dmesg-host-sev-init-failed.txt")
        .DevSev(UnixFileMode.UserRead | UnixFileMode.UserWrite)
        .Iommu("ivhd0")
        .DevKvm()
        .Cpuid(eax: 0x3F, ebx: (4u << 12) | (1u << 6) | 51, ecx: 1006, edx: 510);

    /// <summary>A 5.0-era SEV host: kvm_amd's sev is an int (<c>1</c>), there is no sev_es parameter, cpuid not loaded.</summary>
    public static HostTree LegacyIntParameters() => new HostTree()
        .CpuInfo("cpuinfo-amd-epyc-7413-milan-snp.txt")
        .KernelRelease("5.0.0-sev", "kernel-config-sev-host.txt")
        .CommandLine("BOOT_IMAGE=/vmlinuz-5.0.0-sev root=/dev/sda2 ro mem_encrypt=off")
        .Sysfs("sev-legacy-int")
        .KernelLog("dmesg-host-sev-es.txt", "dmesg-host-sev-es-svm-prefix.txt")
        .DevSev(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)
        .Iommu("ivhd0")
        .DevKvm();

    /// <summary>QEMU and virsh answering with the shared samples, as SevStack's QEMU and libvirt would on an SEV host.</summary>
    public static ScriptedCommandRunner Answering(string qmpSample, string domcapsSample) => new(new Dictionary<string, Func<CommandSpec, CommandResult>>
    {
        ["qemu-system-x86_64"] = _ => ScriptedCommandRunner.Output(QmpSession(File.ReadAllText(HostTree.Sample(qmpSample)))),
        ["virsh"] = _ => ScriptedCommandRunner.Output(File.ReadAllText(HostTree.Sample(domcapsSample))),
    });

    /// <summary>A QMP session transcript around one reply, as QEMU writes it (greeting, capabilities, reply, quit).</summary>
    public static string QmpSession(string reply) =>
        "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, \"minor\": 1, \"major\": 9}, \"package\": \"\"}, \"capabilities\": [\"oob\"]}}\n" +
        "{\"return\": {}}\n" + reply.Trim() + "\n{\"return\": {}}\n";

    public static HostCheckOptions Options(HostTree tree, bool withQemuAndVirsh = true) => new()
    {
        HostRoot = tree.Root,
        QemuBinary = withQemuAndVirsh ? "qemu-system-x86_64" : null,
        VirshBinary = withQemuAndVirsh ? "virsh" : null,
    };
}
