using SevStack.Checks.Probes;
using SevStack.Checks.Report;

namespace SevStack.Checks.Host.Checks;

/// <summary>The PSP initialised the SEV firmware, and which API version it runs (from the ccp driver's log lines).</summary>
public sealed class FirmwareCheck() : KernelLogCheck<HostFacts, HostKernelLogFacts>(new("sev-firmware", "SEV firmware initialised (PSP API version)", Required: true),
    "run as root (dmesg needs CAP_SYSLOG when kernel.dmesg_restrict=1) or pass a saved log with --kernel-log")
{
    /// <summary>The kernel's SNP host driver refuses firmware older than this.</summary>
    static readonly (int Major, int Minor) SnpMinimumApi = (1, 51);

    protected override CheckResult Judge(HostFacts facts, HostKernelLogFacts log)
    {
        var evidence = new List<string> { $"from {facts.KernelLog!.Origin}:" };
        if (log.InitFailures.Count > 0)
        {
            evidence.AddRange(log.InitFailures);
            var (cause, fix) = SevFirmwareErrors.Explain(HostKernelLogFacts.InitErrorCode(log.InitFailures[^1]));
            return Outcome.Problem(evidence, cause, fix);
        }

        if (log.SevApi is null && log.SnpApi is null)
        {
            evidence.AddRange(log.PspLines);
            evidence.Add("no 'SEV API:' line");
            return Outcome.Warn(evidence,
                "the ccp driver did not report the SEV firmware: it is not loaded, found no PSP, or its lines have left the kernel ring buffer",
                "modprobe ccp, then 'journalctl -k -b | grep -i -e ccp -e sev'");
        }

        evidence.AddRange(log.PspLines.Where(l => !l.Contains(" API:", StringComparison.Ordinal)));
        if (log.SevApi is { } sev) evidence.Add($"SEV API {sev}");
        if (log.SnpApi is { } snp) evidence.Add($"SEV-SNP API {snp}");
        if (log.SnpApi is { } old && (old.Major, old.Minor).CompareTo(SnpMinimumApi) < 0)
            return Outcome.Warn(evidence,
                $"SEV-SNP firmware {old.Major}.{old.Minor} is older than {SnpMinimumApi.Major}.{SnpMinimumApi.Minor}, which current kernels require for SNP",
                "update the SEV firmware (amd_sev_famXXh_modelYYh.sbin in /lib/firmware/amd/) or the BIOS");
        return Outcome.Pass(evidence);
    }
}
