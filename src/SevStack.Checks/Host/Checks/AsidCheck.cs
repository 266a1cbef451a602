using SevStack.Checks.Probes;
using SevStack.Checks.Report;

namespace SevStack.Checks.Host.Checks;

/// <summary>How many guests of each kind KVM can run: a zero count is a BIOS setting, not a software problem.</summary>
public sealed class AsidCheck() : KernelLogCheck<HostFacts, HostKernelLogFacts>(new("sev-asids", "KVM has ASIDs for SEV guests", Required: false))
{
    protected override CheckResult Judge(HostFacts facts, HostKernelLogFacts log)
    {
        if (log.Asids.Count == 0)
            return Outcome.Skip([], "the kernel log has no 'SEV supported' / 'SEV enabled' lines from kvm_amd");

        var evidence = log.Asids.Select(a => $"{a.Feature}: {(a.Enabled ? $"{a.Count} ASIDs" : "disabled")}   ({a.Line})").ToList();
        var empty = log.Asids.Where(a => !a.Enabled).Select(a => a.Feature).ToList();
        if (empty.Count == 0)
            return Outcome.Pass(evidence);
        return Outcome.Problem(evidence,
            $"KVM has no ASIDs for {string.Join(", ", empty)}: the BIOS splits the ASID space (SEV-ES/SNP get ASIDs below the 'SEV-ES ASID Space Limit'), or the feature is off",
            "in the BIOS raise 'SEV-ES ASID Space Limit' (and 'SEV ASID Count'), then reboot");
    }
}
