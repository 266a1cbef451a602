using SevStack.Checks.Report;

namespace SevStack.Checks.Guest.Checks;

/// <summary>SNP guests get attestation reports through the sev-guest driver (<c>/dev/sev-guest</c>).</summary>
public sealed class SevGuestDriverCheck() : KernelLogCheck<GuestFacts, GuestLogFindings>(new("sev-guest-driver", "sev-guest driver for SNP attestation", Required: false))
{
    protected override CheckResult Judge(GuestFacts facts, GuestLogFindings log)
    {
        if (log.Level < SevLevel.SevSnp)
            return Outcome.Skip([], "only SEV-SNP guests have it");
        if (log.SevGuestDriver)
            return Outcome.Pass(log.SevGuestDriverLines);
        if (facts.SevGuestDevice)
            return Outcome.Pass($"{GuestFacts.SevGuestDevicePath} exists");
        return Outcome.Problem(["no 'Initialized SEV guest driver' line", $"{GuestFacts.SevGuestDevicePath} does not exist"],
            "the sev-guest driver is not loaded, so the guest cannot request attestation reports",
            "modprobe sev-guest inside the guest (CONFIG_SEV_GUEST)");
    }
}
