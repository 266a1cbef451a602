using SevStack.Checks.Report;

namespace SevStack.Checks.Host.Checks;

/// <summary>kvm_amd is loaded with SEV on: without it KVM refuses every SEV guest.</summary>
public sealed class KvmAmdSevCheck() : Check<HostFacts>(new("kvm-amd-sev", "kvm_amd loaded with sev enabled", Required: true))
{
    protected override CheckResult Judge(HostFacts facts)
    {
        var kvm = facts.KvmAmd;
        if (!kvm.Loaded)
            return Outcome.Problem([$"{Probes.KvmAmdParameters.ModulePath} does not exist"],
                facts.IsAmd ? "the kvm_amd module is not loaded (SVM disabled in the BIOS, or the module failed to load)" : "kvm_amd only loads on AMD processors",
                "modprobe kvm_amd; if that fails, read 'dmesg | grep -i -e kvm -e svm' and enable SVM in the BIOS");

        var evidence = new List<string> { ParameterForm.Describe(kvm.Sev) };
        evidence.AddRange(facts.KvmAmdOptions.Lines);
        var turnedOff = facts.KvmAmdOptions.TurningOff("sev").ToList();
        switch (kvm.Sev.Enabled)
        {
            case true:
                return Outcome.Pass(evidence);
            case null when !kvm.Sev.Exists:
                return Outcome.Problem(evidence,
                    "this kvm_amd has no sev parameter: the kernel is older than 4.16 or was built without CONFIG_KVM_AMD_SEV",
                    "install and boot the SevStack host kernel (InstallHost)");
            case null:
                return Outcome.Problem(evidence, $"unrecognised value '{kvm.Sev.Raw}'", "report this kernel version to SevStack");
            case false when turnedOff.Count > 0:
                return Outcome.Problem(evidence,
                    $"SEV is turned off explicitly ({string.Join("; ", turnedOff)})",
                    "remove that setting (or set sev=1), then 'modprobe -r kvm_amd && modprobe kvm_amd' or reboot; for the kernel command line edit GRUB_CMDLINE_LINUX in /etc/default/grub and run update-grub");
            default:
                return Outcome.Problem(evidence,
                    "SEV is off in KVM: the module parameter is off (before 5.12 it defaulted to CONFIG_AMD_MEM_ENCRYPT_ACTIVE_BY_DEFAULT), " +
                    "or KVM turned it off because the SEV firmware failed to initialise (see sev-firmware) or the BIOS gives no SEV ASIDs",
                    "echo 'options kvm_amd sev=1 sev_es=1 sev_snp=1' > /etc/modprobe.d/kvm-amd-sev.conf, then " +
                    "'modprobe -r kvm_amd && modprobe kvm_amd' (or reboot); if it stays off, fix what sev-firmware reports");
        }
    }
}
