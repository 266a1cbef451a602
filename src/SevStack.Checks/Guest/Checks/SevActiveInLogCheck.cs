using SevStack.Checks.Report;

namespace SevStack.Checks.Guest.Checks;

/// <summary>
/// The guest kernel says memory encryption is active, at the expected level. No log, an empty one or a host's log is
/// no evidence, and no evidence fails: a pass needs the guest kernel's own memory-encryption line.
/// </summary>
public sealed class SevActiveInLogCheck() : Check<GuestFacts>(new("guest-sev-log", "kernel log reports SEV active", Required: true))
{
    protected override CheckResult Judge(GuestFacts facts)
    {
        if (facts.Log is not { } log)
            return Outcome.Problem([$"no kernel log: {facts.KernelLogProblem}"],
                "there is no guest kernel log to read, so nothing shows that SEV is active",
                "run CheckGuest as root inside the guest (it reads dmesg), or pass a log saved there with --kernel-log");

        var origin = facts.KernelLog!.Origin;
        if (facts.KernelLog.Lines.Count == 0)
            return Outcome.Problem([$"{origin} has no kernel log lines"],
                $"the kernel log {origin} is empty, so nothing shows that SEV is active",
                "save the guest's whole kernel log (dmesg > guest-dmesg.txt inside the guest) and pass it with --kernel-log");
        if (log.IsHostLog)
            return Outcome.Problem([$"from {origin}:", .. log.HostLines.Take(3)],
                $"{origin} is a host's kernel log (only a host has the PSP and kvm_amd lines above), not a guest's, so it says nothing about a guest",
                "run CheckGuest inside the guest, or pass a log saved there with --kernel-log; check this host with CheckHost");

        var expected = facts.Options.ExpectedLevel;
        var evidence = new List<string> { $"from {origin}:" };
        evidence.AddRange(log.EncryptionLines);
        if (!log.SevActive)
            return Outcome.Problem([.. evidence, "no memory-encryption line"],
                "the guest runs unencrypted: it was launched without an sev-guest object (QEMU) or <launchSecurity> (libvirt), " +
                "or its kernel lacks CONFIG_AMD_MEM_ENCRYPT",
                "launch it with SevStack's Launch (--sev-level sev, sev-es or sev-snp) or LibvirtXml, and use a guest kernel with CONFIG_AMD_MEM_ENCRYPT=y");

        evidence.Add($"active level: {log.Level.Display()}");
        if (log.Level < expected)
            return Outcome.Problem(evidence,
                $"{expected.Display()} was expected but only {log.Level.Display()} is active",
                expected == SevLevel.SevSnp
                    ? "launch with an sev-snp-guest object on an SNP host (Launch --sev-level sev-snp; see CheckHost kvm-amd-sev-snp) and a guest kernel with SNP support (5.19+)"
                    : "launch with Launch --sev-level sev-es (policy bit 0x4) on a host with kvm_amd sev_es enabled, and use a guest kernel 5.10+ with SEV-ES support");
        return Outcome.Pass(evidence);
    }
}
