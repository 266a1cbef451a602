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

/// <summary>The kernel lists <c>sev</c> (and <c>sev_es</c>, <c>sev_snp</c>) in /proc/cpuinfo only when CPU and BIOS enable it.</summary>
public sealed class CpuFlagsCheck() : Check<HostFacts>(new("cpu-flags", "CPU flags sev, sev_es, sev_snp in /proc/cpuinfo", Required: true), HostPrerequisites.AmdProcessor)
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

/// <summary>CPUID 0x8000001F, read from the cpuid driver: what the silicon supports, the C-bit and the ASID counts.</summary>
public sealed class CpuidCheck() : Check<HostFacts>(new("cpuid", "CPUID 0x8000001F memory-encryption leaf", Required: true), HostPrerequisites.AmdProcessor)
{
    protected override CheckResult Judge(HostFacts facts)
    {
        var reading = facts.Cpuid;
        if (reading.Leaf is not { } leaf)
            return Outcome.Skip([$"{reading.DevicePath}: {reading.Error}"],
                reading.Error == "missing" ? "the cpuid driver is not loaded" : "the cpuid device cannot be read",
                reading.Error == "missing" ? "modprobe cpuid (the kernel needs CONFIG_X86_CPUID)" : "run the check as root");

        if (!reading.LeafImplemented)
            return Outcome.Problem([$"highest extended CPUID leaf is 0x{reading.MaxExtendedLeaf:X8}"],
                "the CPU has no memory-encryption leaf: it predates SEV",
                "use an AMD EPYC 7001 or later host");

        var evidence = new List<string> { $"{reading.DevicePath}: {leaf.Describe()}" };
        if (!leaf.Sev)
            return Outcome.Problem(evidence,
                facts.Cpu?.Has("hypervisor") == true
                    ? "this host is a virtual machine and its hypervisor does not pass SEV through; SEV needs a bare-metal host"
                    : "the CPU reports no SEV support: SEV or SMEE is disabled in the BIOS, or this CPU has no SEV",
                "enable SMEE and SEV in the BIOS of a bare-metal EPYC host");
        if (leaf.CbitPosition == 0)
            return Outcome.Problem(evidence, "CPUID reports SEV but no C-bit position", "update the BIOS");

        evidence.Add($"QEMU settings from this leaf: cbitpos={leaf.CbitPosition}, reduced-phys-bits={leaf.PhysicalAddressReduction}");
        if (leaf.MinimumSevOnlyAsid > 1)
            evidence.Add($"ASIDs 1-{leaf.MinimumSevOnlyAsid - 1} are for SEV-ES/SEV-SNP guests, {leaf.MinimumSevOnlyAsid}-{leaf.EncryptedGuests} for SEV guests");
        else if (leaf.MinimumSevOnlyAsid == 1)
            evidence.Add("no ASIDs are reserved for SEV-ES/SEV-SNP guests (the BIOS 'SEV-ES ASID Space Limit' is 1)");
        return Outcome.Pass(evidence);
    }
}
