using SevStack.Checks.Report;

namespace SevStack.Checks.Host;

/// <summary>The facts several host checks cannot do without, each with the one reason a check is skipped for.</summary>
public static class HostPrerequisites
{
    public static Prerequisite<HostFacts> AmdProcessor { get; } = new(f => f.IsAmd, _ => "not an AMD processor (see cpu-vendor)");

    public static Prerequisite<HostFacts> SnpCapableCpu { get; } = new(
        f => f.Leaf?.SevSnp ?? f.Cpu?.Has("sev_snp") == true, _ => "the CPU does not offer SEV-SNP (CPUID 0x8000001F, /proc/cpuinfo)");

    /// <summary>Tools that must run on the host itself are not asked about a tree given with --host-root.</summary>
    public static Prerequisite<HostFacts> LiveRoot { get; } = new(
        f => f.NotLiveRoot is null, f => $"not asked: {f.NotLiveRoot}", "run CheckHost on the host itself (without --host-root)");
}
