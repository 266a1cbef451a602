using SevStack.Checks.Report;

namespace SevStack.Checks.Host.Checks;

/// <summary>QEMU itself can start SEV guests: <c>query-sev-capabilities</c> returns the platform's keys and C-bit.</summary>
public sealed class QemuSevCheck() : Check<HostFacts>(new("qemu-sev", "QEMU query-sev-capabilities", Required: true),
    HostPrerequisites.LiveRoot)
{
    protected override CheckResult Judge(HostFacts facts)
    {
        if (facts.Qmp is not { } qmp)
            return Outcome.Skip([], "not requested (no QEMU given)");

        var evidence = new List<string> { $"$ {qmp.Command}" };
        if (qmp.QemuVersion is not null)
            evidence.Add($"QEMU {qmp.QemuVersion}");
        if (qmp.Capabilities is not { } caps)
        {
            evidence.AddRange(StderrLines(qmp.Stderr));
            return Outcome.Problem(evidence, qmp.Problem ?? "no answer",
                "install QEMU (InstallHost installs SevStack's) or pass the path of a QEMU binary");
        }

        if (!caps.Supported)
        {
            evidence.Add($"error {caps.ErrorClass}: {caps.ErrorDescription}");
            evidence.AddRange(StderrLines(qmp.Stderr));
            var (cause, fix) = Explain(caps.ErrorClass!, caps.ErrorDescription ?? "");
            return Outcome.Problem(evidence, cause, fix);
        }

        evidence.Add($"cbitpos {caps.Cbitpos}, reduced-phys-bits {caps.ReducedPhysBits}" +
                     $", PDH {Present(caps.HasPdh)}, certificate chain {Present(caps.HasCertChain)}, cpu0-id {Present(caps.HasCpu0Id)}");
        if (facts.Leaf is { Sev: true } leaf && leaf.CbitPosition != caps.Cbitpos)
            return Outcome.Warn(evidence,
                $"QEMU reports cbitpos {caps.Cbitpos} but CPUID says {leaf.CbitPosition}",
                "make sure this QEMU runs on this host (not a saved answer) and report the mismatch");
        return Outcome.Pass(evidence);
    }

    static (string Cause, string Fix) Explain(string errorClass, string description)
    {
        if (errorClass == "CommandNotFound")
            return ("this QEMU has no SEV support (built for another target, or older than 2.12)",
                    "use SevStack's QEMU (InstallHost)");
        if (description.Contains("KVM not enabled", StringComparison.OrdinalIgnoreCase))
            return ("QEMU could not use KVM: /dev/kvm is missing or inaccessible (kvm_amd not loaded, SVM off in the BIOS, or this host is a virtual machine without nested virtualization), so SEV is unavailable",
                    "load kvm_amd (see kvm-amd-sev) on a bare-metal AMD host, and make /dev/kvm accessible to the user running QEMU");
        if (description.Contains("/dev/sev", StringComparison.Ordinal))
            return ("QEMU cannot open /dev/sev", "see dev-sev: the device must exist and be readable and writable by the user running QEMU");
        if (description.Contains("not enabled in KVM", StringComparison.OrdinalIgnoreCase)
            || description.Contains("not supported", StringComparison.OrdinalIgnoreCase))
            return ("KVM has SEV off", "see kvm-amd-sev and sev-firmware");
        return ("QEMU reports that SEV is unavailable", "fix the failed checks above, then run CheckHost again");
    }

    static IEnumerable<string> StderrLines(string? stderr) =>
        stderr is null ? [] : stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(3).Select(l => "stderr: " + l);

    static string Present(bool value) => value ? "present" : "absent";
}
