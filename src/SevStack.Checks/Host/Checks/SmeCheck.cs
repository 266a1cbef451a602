using SevStack.Checks.Report;

namespace SevStack.Checks.Host.Checks;

/// <summary>
/// Secure Memory Encryption of the host itself. SEV does not need SME active, but both need SMEE in the BIOS, and
/// SME on by default is a known cause of hosts that do not boot; this check explains the state it finds.
/// </summary>
public sealed class SmeCheck() : Check<HostFacts>(new("sme", "host memory encryption (SME) state", Required: false), HostPrerequisites.AmdProcessor)
{
    protected override CheckResult Judge(HostFacts facts)
    {
        var requested = facts.CommandLine.Value("mem_encrypt");
        var activeLines = facts.Log?.SmeActiveLines ?? [];
        var evidence = new List<string>
        {
            facts.Cpu!.Has("sme") ? "/proc/cpuinfo lists sme" : "/proc/cpuinfo does not list sme",
            requested is null ? "/proc/cmdline has no mem_encrypt=" : $"/proc/cmdline: mem_encrypt={requested}",
        };
        evidence.AddRange(activeLines);
        if (facts.KernelLog is null)
            evidence.Add($"kernel log unavailable: {facts.KernelLogProblem}");

        if (facts.Leaf is { Sme: true } && !facts.Cpu.Has("sme") && !facts.Cpu.Has("sev"))
            return Outcome.Problem(evidence,
                "CPUID reports SME/SEV support but the kernel lists neither sme nor sev: memory encryption (SMEE) is off in the BIOS",
                "enable SMEE (Secure Memory Encryption Enable) in the BIOS; SEV needs it even when SME stays off");
        if (requested == "on" && activeLines.Count == 0 && facts.KernelLog is not null)
            return Outcome.Problem(evidence,
                "mem_encrypt=on was requested but the kernel log does not report SME active",
                "enable SMEE in the BIOS and boot a kernel with CONFIG_AMD_MEM_ENCRYPT=y");

        evidence.Add(activeLines.Count > 0
            ? "SME is active (the host's own memory is encrypted)"
            : "SME is not active; SEV guests do not need it");
        return Outcome.Pass(evidence);
    }
}
