using SevStack.Checks.Report;

namespace SevStack.Checks.Host.Checks;

/// <summary>CPUID 0x8000001F, read from the cpuid driver: what the silicon supports, the C-bit and the ASID counts.</summary>
public sealed class CpuidCheck() : Check<HostFacts>(new("cpuid", "CPUID 0x8000001F memory-encryption leaf", Required: true),
    HostPrerequisites.AmdProcessor)
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
