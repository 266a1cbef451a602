using SevStack.Checks.Probes;
using SevStack.Checks.Report;

namespace SevStack.Checks.Host.Checks;

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
