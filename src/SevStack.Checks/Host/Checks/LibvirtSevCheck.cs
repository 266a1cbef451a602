using SevStack.Checks.Report;

namespace SevStack.Checks.Host.Checks;

/// <summary>libvirt offers SEV to its guests (<c>&lt;sev supported='yes'&gt;</c> in domcapabilities). Optional: plain QEMU works without libvirt.</summary>
public sealed class LibvirtSevCheck() : Check<HostFacts>(new("libvirt-sev", "libvirt domcapabilities has <sev supported='yes'>", Required: false),
    HostPrerequisites.LiveRoot)
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
