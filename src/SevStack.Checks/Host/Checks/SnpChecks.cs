using SevStack.Checks.Probes;
using SevStack.Checks.Report;

namespace SevStack.Checks.Host.Checks;

/// <summary>On an SNP-capable CPU, the BIOS turned SNP and VM permission levels on in SYSCFG (snphost's "SNP/VMPL enabled in MSR").</summary>
public sealed class SnpSysCfgCheck() : Check<HostFacts>(new("snp-syscfg", "SYSCFG MSR has SNP and VMPL enabled", Required: false), HostPrerequisites.SnpCapableCpu)
{
    protected override CheckResult Judge(HostFacts facts)
    {
        var syscfg = facts.SysCfg;
        if (syscfg.Value is null)
            return Outcome.Skip([syscfg.Describe()], "the SYSCFG MSR cannot be read",
                syscfg.Error == "missing" ? "modprobe msr (CONFIG_X86_MSR) and run as root" : "run the check as root");

        var evidence = new List<string> { syscfg.Describe() };
        if (facts.Leaf is { SevSnp: true } leaf)
            evidence.Add($"CPUID 0x8000001F: VMPL {(leaf.Vmpl ? $"yes, {leaf.VmplCount} levels" : "no")}");
        if (syscfg.SnpEnabled && syscfg.VmplEnabled)
            return Outcome.Pass(evidence);
        return Outcome.Problem(evidence,
            syscfg.SnpEnabled ? "SNP is on but VM permission levels are off in SYSCFG" : "the BIOS did not enable SEV-SNP (SYSCFG SNPEn is off), so the kernel cannot run SNP guests",
            "in the BIOS enable SEV-SNP support and SNP memory coverage (and SMEE), then reboot");
    }
}

/// <summary>
/// On an SNP-capable CPU, the host kernel set SEV-SNP up: it found the RMP table the BIOS reserved (the kernel log's
/// <c>SEV-SNP: RMP table physical …</c> line, 5.19 and 6.x wordings) and reported no reason to leave SNP off.
/// </summary>
public sealed class SnpRmpCheck() : KernelLogCheck<HostFacts, HostKernelLogFacts>(new("snp-rmp", "kernel set up the SEV-SNP RMP table", Required: false), prerequisites: HostPrerequisites.SnpCapableCpu)
{
    const string BiosFix = "in the BIOS enable SEV-SNP support, SNP memory coverage for all of RAM, SMEE and the IOMMU, then reboot";

    protected override CheckResult Judge(HostFacts facts, HostKernelLogFacts log)
    {
        var evidence = new List<string> { $"from {facts.KernelLog!.Origin}:" };
        if (log.SnpSetupFailures.Count > 0)
        {
            evidence.AddRange(log.SnpSetupFailures);
            var (cause, fix) = Explain(log.SnpSetupFailures[0]);
            return Outcome.Problem(evidence, cause, fix);
        }
        if (log.RmpTableLines.Count > 0)
        {
            evidence.AddRange(log.RmpTableLines);
            if (log.SnpApi is { } api)
                evidence.Add($"SEV-SNP API {api}");
            return Outcome.Pass(evidence);
        }

        evidence.Add("no 'SEV-SNP: RMP table' line");
        evidence.Add(facts.KvmAmd.SevSnp.Describe());
        if (facts.KvmAmd.SevSnp.Enabled == true)
            return Outcome.Skip(evidence, "the RMP line has left the kernel ring buffer; kvm_amd's sev_snp shows the kernel did set SNP up",
                "journalctl -k -b | grep SEV-SNP");
        return Outcome.Problem(evidence,
            "the kernel did not set SEV-SNP up: it has no SNP host support (mainline from 6.11, CONFIG_KVM_AMD_SEV), or SNP is off in the BIOS",
            $"boot the SevStack host kernel (InstallHost); if it is running, {BiosFix}");
    }

    /// <summary>The kernel's reasons to leave SNP off (arch/x86/virt/svm/sev.c, drivers/iommu/amd/init.c), by a part of their wording.</summary>
    static readonly (string Wording, string Cause, string Fix)[] Reasons =
    [
        ("has not been reserved", "the BIOS reserved no memory for the RMP table, so the kernel left SEV-SNP off", BiosFix),
        ("does not cover", "the RMP table the BIOS reserved does not cover all of RAM, so the kernel left SEV-SNP off", BiosFix),
        ("passthrough mode", "the IOMMU is off or in passthrough mode, and SEV-SNP needs it",
            "enable the IOMMU in the BIOS and remove iommu=pt and amd_iommu=off from the kernel command line, then reboot"),
        ("V2 page table", "the IOMMU uses v2 page tables, with which SEV-SNP cannot work", "remove amd_iommu=pgtbl_v2 from the kernel command line, then reboot"),
    ];

    static (string Cause, string Fix) Explain(string line) =>
        Reasons.Where(r => line.Contains(r.Wording, StringComparison.Ordinal)).Select(r => (r.Cause, r.Fix)).FirstOrDefault(
            ("the kernel could not set up SEV-SNP with what the BIOS and the IOMMU offer (see the line above)", BiosFix));
}
