using SevStack.Checks.Report;

namespace SevStack.Checks.Guest.Checks;

/// <summary>The guest kernel says memory encryption is active, at the expected level.</summary>
public sealed class SevActiveInLogCheck : IGuestCheck
{
    static readonly CheckOutcome Outcome = new("guest-sev-log", "kernel log reports SEV active", Required: true);

    public CheckResult Evaluate(GuestFacts facts)
    {
        if (facts.Log is not { } log)
            return Outcome.Skip([], $"no kernel log: {facts.KernelLogProblem}",
                "run as root inside the guest, or pass a saved log with --kernel-log");

        var expected = facts.Options.ExpectedLevel;
        var evidence = new List<string> { $"from {facts.KernelLog!.Origin}:" };
        evidence.AddRange(log.EncryptionLines);
        if (!log.SevActive)
            return Outcome.Problem([.. evidence, "no memory-encryption line"],
                "the guest runs unencrypted: it was launched without an sev-guest object (QEMU) or <launchSecurity> (libvirt), " +
                "or its kernel lacks CONFIG_AMD_MEM_ENCRYPT",
                "launch it with SevStack's Launch (--sev, --sev-es or --sev-snp) or LibvirtXml, and use a guest kernel with CONFIG_AMD_MEM_ENCRYPT=y");

        evidence.Add($"active level: {log.Level.Display()}");
        if (log.Level < expected)
            return Outcome.Problem(evidence,
                $"{expected.Display()} was expected but only {log.Level.Display()} is active",
                expected == SevLevel.SevSnp
                    ? "launch with an sev-snp-guest object on an SNP host (see CheckHost kvm-amd-sev-snp) and a guest kernel with SNP support (5.19+)"
                    : "set policy bit 0x4 (SEV-ES) at launch on a host with kvm_amd sev_es enabled, and use a guest kernel 5.10+ with SEV-ES support");
        return Outcome.Pass(evidence);
    }
}
