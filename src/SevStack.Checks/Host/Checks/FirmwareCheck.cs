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

/// <summary>What the SEV firmware status codes seen in INIT failures mean (SEV API spec, table "Status Codes").</summary>
static class SevFirmwareErrors
{
    public static (string Cause, string Fix) Explain(int? code) => code switch
    {
        0x01 => ("the firmware refused INIT in its current state (INVALID_PLATFORM_STATE); AMD documents this for hosts whose PSP bootloader is too old for the kernel's SEV driver",
                 UpdateFirmware),
        0x13 => ("hardware platform error (HWERROR_PLATFORM): memory encryption (SMEE) is disabled in the BIOS",
                 "enable SMEE (Secure Memory Encryption Enable) and SEV in the BIOS, then reboot"),
        0x15 => ("the firmware does not support the command (UNSUPPORTED): it is too old for this kernel",
                 UpdateFirmware),
        _ => ($"the SEV firmware failed to initialise (status 0x{code ?? 0:x})",
              "update the BIOS and the SEV firmware; " + UpdateFirmware),
    };

    const string UpdateFirmware =
        "update the SEV firmware: copy AMD's amd_sev_famXXh_modelYYh.sbin for this CPU to /lib/firmware/amd/, then " +
        "'rmmod kvm_amd; rmmod ccp; modprobe ccp; modprobe kvm_amd' (or reboot); if INIT still fails, update the BIOS, which carries the PSP bootloader";
}
