namespace SevStack.Checks.Host.Checks;

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
