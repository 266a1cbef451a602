using SevStack.Checks.Probes;
using SevStack.Checks.Report;

namespace SevStack.Checks.Host.Checks;

/// <summary>On an SNP-capable CPU, the BIOS turned SNP and VM permission levels on in SYSCFG (snphost's "SNP/VMPL enabled in MSR").</summary>
public sealed class SnpSysCfgCheck() : Check<HostFacts>(new("snp-syscfg", "SYSCFG MSR has SNP and VMPL enabled", Required: false),
    HostPrerequisites.SnpCapableCpu)
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
