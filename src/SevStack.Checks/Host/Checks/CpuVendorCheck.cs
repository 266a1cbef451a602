using SevStack.Checks.Report;

namespace SevStack.Checks.Host.Checks;

/// <summary>SEV exists only on AMD processors.</summary>
public sealed class CpuVendorCheck() : Check<HostFacts>(new("cpu-vendor", "AMD processor", Required: true))
{
    protected override CheckResult Judge(HostFacts facts)
    {
        if (facts.Cpu is null)
            return Outcome.Problem(["/proc/cpuinfo cannot be read"],
                "the host root is not the root of a running Linux system",
                "run on the SEV host itself, or point --host-root at a tree that has proc/cpuinfo");
        if (facts.Cpu.IsAmd)
            return Outcome.Pass(facts.Cpu.Describe());
        return Outcome.Problem([facts.Cpu.Describe()],
            $"SEV is a feature of AMD EPYC processors; this is a {facts.Cpu.Vendor} processor",
            "run SevStack on an AMD EPYC host: 7001 (Naples) or later for SEV, 7002 (Rome) for SEV-ES, 7003 (Milan) for SEV-SNP");
    }
}
