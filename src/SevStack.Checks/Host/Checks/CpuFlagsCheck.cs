using SevStack.Checks.Report;

namespace SevStack.Checks.Host.Checks;

/// <summary>The kernel lists <c>sev</c> (and <c>sev_es</c>, <c>sev_snp</c>) in /proc/cpuinfo only when CPU and BIOS enable it.</summary>
public sealed class CpuFlagsCheck() : Check<HostFacts>(new("cpu-flags", "CPU flags sev, sev_es, sev_snp in /proc/cpuinfo", Required: true),
    HostPrerequisites.AmdProcessor)
{
    static readonly string[] Flags = ["sev", "sev_es", "sev_snp"];

    protected override CheckResult Judge(HostFacts facts)
    {
        var cpu = facts.Cpu!;

        var present = Flags.Where(cpu.Has).ToList();
        var missing = Flags.Where(f => !cpu.Has(f)).ToList();
        var evidence = new List<string> { present.Count == 0 ? "flags: none of sev, sev_es, sev_snp" : "flags: " + string.Join(' ', present) };
        if (cpu.Has("sev"))
        {
            if (missing.Count > 0)
                evidence.Add($"missing: {string.Join(' ', missing)} ({MissingLevels(missing)})");
            return Outcome.Pass(evidence);
        }

        evidence.Add(cpu.Has("svm") ? "svm is present" : "svm is missing too");
        if (facts.Leaf is { Sev: true })
            evidence.Add("but CPUID 0x8000001F reports SEV support");
        return Outcome.Problem(evidence, Cause(facts, cpu), Fix(cpu));
    }

    static string MissingLevels(List<string> missing) =>
        missing.Contains("sev_es")
            ? "SEV-ES and SEV-SNP need an EPYC 7002 or later with SEV-ES enabled in the BIOS"
            : "SEV-SNP needs an EPYC 7003 or later, SNP enabled in the BIOS and an SNP host kernel";

    static string Cause(HostFacts facts, Probes.CpuInfo cpu)
    {
        if (cpu.Family is < 0x17)
            return $"family {cpu.Family:x}h predates SEV, which arrived with EPYC (family 17h)";
        if (cpu.Has("hypervisor"))
            return "this host is itself a virtual machine (the 'hypervisor' flag); SEV guests need a bare-metal host";
        if (!cpu.Has("svm"))
            return "virtualization (SVM) is disabled in the BIOS";
        if (facts.Leaf is { Sev: true })
            return "the CPU supports SEV but the kernel cleared the flag: memory encryption (SMEE) is off in the BIOS, or the kernel lacks CONFIG_AMD_MEM_ENCRYPT";
        return "memory encryption (SMEE) and SEV are disabled in the BIOS, or this CPU model has no SEV";
    }

    static string Fix(Probes.CpuInfo cpu) => cpu.Family is < 0x17 || cpu.Has("hypervisor")
        ? "run on a bare-metal AMD EPYC 7001 or later host"
        : "in the BIOS enable SVM, SMEE (Secure Memory Encryption) and SEV (set 'SEV ASID count' / 'SEV-ES ASID Space Limit'), then boot a kernel with CONFIG_AMD_MEM_ENCRYPT=y";
}
