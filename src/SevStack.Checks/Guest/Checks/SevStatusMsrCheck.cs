using SevStack.Checks.Report;

namespace SevStack.Checks.Guest.Checks;

/// <summary>MSR 0xC0010131 (SEV_STATUS) agrees with the log: the hardware's word rather than the kernel's.</summary>
public sealed class SevStatusMsrCheck() : Check<GuestFacts>(new("guest-sev-msr", "MSR 0xc0010131 (SEV_STATUS) bits 0-2", Required: true))
{
    protected override CheckResult Judge(GuestFacts facts)
    {
        if (facts.MsrsNotReadBecause is { } reason)
            return Outcome.Skip([], reason, "run CheckGuest inside the guest without --kernel-log to read its SEV_STATUS too");
        if (facts.Msrs.Count == 0)
            return Outcome.Skip(["/dev/cpu/*/msr does not exist"], "the msr driver is not loaded (or this is a container without device access)",
                "modprobe msr (CONFIG_X86_MSR) inside the guest and run as root");

        var evidence = facts.Msrs.Select(m => m.Describe()).ToList();
        var read = facts.Msrs.Where(m => m.Value is not null).ToList();
        if (read.Count == 0)
            return Outcome.Skip(evidence, "the MSR could not be read", "run as root inside the guest");

        var levels = read.Select(m => m.Level).Distinct().ToList();
        if (levels.Count > 1)
            return Outcome.Problem(evidence, "the CPUs disagree about SEV_STATUS", "report this guest: every vCPU of one guest has the same SEV state");
        var level = levels[0];
        if (level == SevLevel.None)
            return Outcome.Problem(evidence, "SEV_STATUS bit 0 is clear: the hardware says this guest is not encrypted",
                "launch the guest with SEV (SevStack's Launch --sev-level sev, or LibvirtXml)");
        if (level < facts.Options.ExpectedLevel)
            return Outcome.Problem(evidence, $"{facts.Options.ExpectedLevel.Display()} was expected but SEV_STATUS shows {level.Display()}",
                "launch with the policy and guest object of the expected level (Launch --sev-level sev-es or sev-snp)");
        if (facts.Log is { SevActive: true } log && log.Level != level)
            return Outcome.Warn(evidence, $"the kernel log reports {log.Level.Display()} but SEV_STATUS shows {level.Display()}",
                "a guest kernel older than the hardware feature may not report it; update the guest kernel");
        return Outcome.Pass(evidence);
    }
}
