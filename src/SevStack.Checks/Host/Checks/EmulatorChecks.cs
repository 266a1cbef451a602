using SevStack.Checks.Report;

namespace SevStack.Checks.Host.Checks;

/// <summary>QEMU itself can start SEV guests: <c>query-sev-capabilities</c> returns the platform's keys and C-bit.</summary>
public sealed class QemuSevCheck() : Check<HostFacts>(new("qemu-sev", "QEMU query-sev-capabilities", Required: true), HostPrerequisites.LiveRoot)
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

/// <summary>libvirt offers SEV to its guests (<c>&lt;sev supported='yes'&gt;</c> in domcapabilities). Optional: plain QEMU works without libvirt.</summary>
public sealed class LibvirtSevCheck() : Check<HostFacts>(new("libvirt-sev", "libvirt domcapabilities has <sev supported='yes'>", Required: false), HostPrerequisites.LiveRoot)
{
    protected override CheckResult Judge(HostFacts facts)
    {
        if (facts.Virsh is not { } virsh)
            return Outcome.Skip([], "not requested (no virsh given)");
        if (!virsh.Installed)
            return Outcome.Skip([], "libvirt is not installed (virsh not found); only libvirt-managed guests need it");

        var evidence = new List<string> { $"$ {virsh.Command}" };
        if (virsh.Capabilities is not { } caps)
            return Outcome.Problem([.. evidence, virsh.Problem ?? "no output"],
                "virsh could not get the capabilities (libvirtd not running, or no permission for the connection)",
                "systemctl start libvirtd (or virtqemud), and run the check as root");

        if (caps.Emulator is not null)
            evidence.Add($"emulator {caps.Emulator}");
        if (caps.SevSupported == true)
        {
            evidence.Add($"<sev supported='yes'>: cbitpos {Show(caps.Cbitpos)}, reducedPhysBits {Show(caps.ReducedPhysBits)}, " +
                         $"maxGuests {Show(caps.MaxGuests)}, maxESGuests {Show(caps.MaxEsGuests)}");
            if (caps.LaunchSecurityTypes.Count > 0)
                evidence.Add("launchSecurity types: " + string.Join(", ", caps.LaunchSecurityTypes));
            return Outcome.Pass(evidence);
        }

        evidence.Add(caps.SevSupported == false ? "<sev supported='no'/>" : "no <sev> element (libvirt older than 4.5)");
        return Outcome.Problem(evidence,
            "libvirt offers no SEV: its QEMU lacks SEV, or its cached QEMU capabilities predate enabling SEV on this host",
            "rm -rf /var/cache/libvirt/qemu/capabilities/ && systemctl restart libvirtd; check that the emulator above is SevStack's QEMU");
    }

    static string Show(int? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?";
}
