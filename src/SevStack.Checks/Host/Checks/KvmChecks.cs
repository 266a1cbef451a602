using SevStack.Checks.Probes;
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

/// <summary>The SEV levels above plain SEV, each behind its own kvm_amd parameter.</summary>
public enum KvmAmdFeature
{
    SevEs,
    SevSnp,
}

/// <summary>kvm_amd has SEV-ES or SEV-SNP on. Optional: plain SEV guests run without them.</summary>
public sealed class KvmAmdFeatureCheck(KvmAmdFeature feature) : Check<HostFacts>(feature == KvmAmdFeature.SevEs
    ? new("kvm-amd-sev-es", "kvm_amd with sev_es enabled", Required: false)
    : new("kvm-amd-sev-snp", "kvm_amd with sev_snp enabled", Required: false))
{
    string Flag => feature == KvmAmdFeature.SevEs ? "sev_es" : "sev_snp";
    string Name => feature == KvmAmdFeature.SevEs ? "SEV-ES" : "SEV-SNP";

    protected override CheckResult Judge(HostFacts facts)
    {
        if (!facts.KvmAmd.Loaded)
            return Outcome.Skip([], "kvm_amd is not loaded (see kvm-amd-sev)");
        var parameter = feature == KvmAmdFeature.SevEs ? facts.KvmAmd.SevEs : facts.KvmAmd.SevSnp;
        var cpuHasIt = facts.Cpu?.Has(Flag) == true;
        var evidence = new List<string> { ParameterForm.Describe(parameter) };
        var turnedOff = facts.KvmAmdOptions.TurningOff(Flag).ToList();
        evidence.AddRange(turnedOff);

        if (parameter.Enabled == true)
            return Outcome.Pass(evidence);
        if (!cpuHasIt)
            return Outcome.Skip(evidence, $"the CPU does not offer {Name} (no {Flag} in /proc/cpuinfo)");
        if (!parameter.Exists)
            return Outcome.Problem(evidence,
                feature == KvmAmdFeature.SevEs
                    ? "this kernel has no SEV-ES support in KVM (it needs 5.11 or later)"
                    : "this kernel has no SEV-SNP host support (mainline has it from about 6.11; older kernels need AMD's SNP host branch)",
                "install and boot the SevStack host kernel (InstallHost)");
        if (facts.KvmAmd.Sev.Enabled == false)
            return Outcome.Problem(evidence, $"{Name} builds on SEV, which is off in kvm_amd", "see kvm-amd-sev");
        if (turnedOff.Count > 0)
            return Outcome.Problem(evidence, $"{Name} is turned off explicitly", $"remove that setting (or set {Flag}=1) and reload kvm_amd");
        return Outcome.Problem(evidence,
            feature == KvmAmdFeature.SevEs
                ? "SEV-ES is off in KVM: the parameter is off, or the BIOS 'SEV-ES ASID Space Limit' leaves no ASIDs for SEV-ES"
                : "SEV-SNP is off in KVM: the parameter is off, or the kernel found no RMP table (BIOS 'SNP Memory Coverage' / 'SEV-SNP support'), no IOMMU, or SNP firmware older than 1.51",
            $"echo 'options kvm_amd {Flag}=1' >> /etc/modprobe.d/kvm-amd-sev.conf and reload kvm_amd; check the BIOS settings named above and the iommu and sev-firmware checks");
    }
}

/// <summary>Says which kernel generation a parameter's spelling points to, so users can match advice to their kernel.</summary>
static class ParameterForm
{
    public static string Describe(ModuleParameter parameter) => parameter.Raw switch
    {
        "Y" or "N" or "y" or "n" => $"{parameter.Describe()} (bool form: kernel 5.12 or later)",
        "1" or "0" => $"{parameter.Describe()} (int form: kernel 4.16 to 5.11)",
        null => parameter.Describe(),
        _ => $"{parameter.Describe()} (unrecognised value)",
    };
}

/// <summary>/dev/kvm opens for the invoking user and answers KVM_GET_API_VERSION with the stable 12, as sevctl and snphost check.</summary>
public sealed class KvmDeviceCheck() : Check<HostFacts>(new("kvm-device", "/dev/kvm opens and reports KVM API version 12", Required: true))
{
    protected override CheckResult Judge(HostFacts facts)
    {
        var kvm = facts.Kvm;
        if (!kvm.Device.Exists)
            return Outcome.Problem([$"{KvmApiVersion.DevicePath} does not exist"],
                "KVM is not available: kvm_amd is not loaded, SVM is off in the BIOS, or this host is a virtual machine without nested virtualization",
                "modprobe kvm_amd (see kvm-amd-sev) on a bare-metal AMD host with SVM enabled in the BIOS");
        if (kvm.NotAskedBecause is { } reason)
            return Outcome.Skip([$"{KvmApiVersion.DevicePath} exists"], reason, HostPrerequisites.LiveRoot.Fix);
        if (!kvm.Device.Opened)
            return Outcome.Problem([$"{KvmApiVersion.DevicePath}: {kvm.Device.Error} for {facts.User}"],
                $"{facts.User} cannot open {KvmApiVersion.DevicePath}, so QEMU started by this user cannot use KVM",
                "add the user to the kvm group (adduser <user> kvm, then log in again) or run QEMU as root");
        if (kvm.Version != KvmApiVersion.Stable)
            return Outcome.Problem([$"KVM_GET_API_VERSION: {kvm.Version}"],
                $"KVM reports API version {kvm.Version}; QEMU needs {KvmApiVersion.Stable}",
                "boot a current kernel (SevStack's host kernel, InstallHost)");
        return Outcome.Pass($"{KvmApiVersion.DevicePath} opened by {facts.User}", $"KVM_GET_API_VERSION: {kvm.Version}");
    }
}
