using SevStack.Checks.Report;

namespace SevStack.Checks.Host.Checks;

/// <summary>The AMD IOMMU is on: SEV-SNP hosts need it (the kernel turns SNP off without it), and device passthrough too.</summary>
public sealed class IommuCheck() : Check<HostFacts>(new("iommu", "AMD IOMMU enabled", Required: false), HostPrerequisites.AmdProcessor)
{
    protected override CheckResult Judge(HostFacts facts)
    {
        var evidence = new List<string>();
        var amdIommu = facts.CommandLine.Value("amd_iommu");
        var iommu = facts.CommandLine.Value("iommu");
        if (facts.IommuDevices.Count > 0)
            evidence.Add("/sys/class/iommu: " + string.Join(' ', facts.IommuDevices));
        evidence.AddRange(facts.Log?.IommuLines.Take(3) ?? []);

        if (amdIommu == "off" || iommu == "off")
            return Outcome.Problem([.. evidence, $"/proc/cmdline: {(amdIommu == "off" ? "amd_iommu=off" : "iommu=off")}"],
                "the IOMMU is turned off on the kernel command line",
                "remove amd_iommu=off / iommu=off from GRUB_CMDLINE_LINUX in /etc/default/grub, run update-grub and reboot");
        if (evidence.Count > 0)
            return Outcome.Pass(evidence);
        return Outcome.Problem(["/sys/class/iommu is empty and the kernel log has no AMD-Vi lines"],
            "the IOMMU is disabled in the BIOS or the kernel lacks CONFIG_AMD_IOMMU; SEV-SNP needs it",
            "enable IOMMU in the BIOS (often under NBIO / AMD CBS), and boot a kernel with CONFIG_AMD_IOMMU=y");
    }
}
