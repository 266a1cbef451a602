using System.Globalization;
using System.Xml.Linq;
using SevStack.Checks;
using SevStack.Checks.Probes;
using SevStack.Toolkit;

namespace SevStack.Launch.Libvirt;

/// <summary>
/// Writes a libvirt domain for an encrypted guest: q35, virtio devices with the IOMMU platform on (SEV guests can only
/// DMA through it), and <c>&lt;launchSecurity&gt;</c>. SEV and SEV-ES guests boot OVMF from pflash with a per-guest
/// NVRAM; SEV-SNP guests boot the single OVMF image as a ROM, with their RAM in a shared memfd, as Launch starts them.
/// </summary>
public static class LibvirtDomainXml
{
    /// <exception cref="BuildException">The options are invalid or the C-bit position is unknown.</exception>
    public static XDocument Build(LibvirtDomainOptions options, CpuidReading? cpuid)
    {
        if (options.Level == SevLevel.None)
            throw new BuildException("LibvirtXml writes encrypted guests; choose --sev-level sev, sev-es or sev-snp");
        if (string.IsNullOrWhiteSpace(options.Name) || options.Name.Contains('/'))
            throw new BuildException($"'{options.Name}' is not a usable domain name");
        var snp = options.Level == SevLevel.SevSnp;
        if (snp && options.SnpFirmware is null)
            throw new BuildException("SEV-SNP guests boot a single OVMF image (OVMF.fd, with SNP support) as a ROM; give its path with --ovmf-snp");

        var policy = PolicyChoice.For(options.Level, options.Policy, options.AllowDebug);
        var cbitpos = CbitPositionSource.Resolve(options.CbitPosition, cpuid, new List<string>());
        var format = options.DiskImage.EndsWith(".qcow2", StringComparison.OrdinalIgnoreCase) ? "qcow2" : "raw";

        var devices = new XElement("devices",
            new XElement("emulator", options.Emulator),
            new XElement("disk", new XAttribute("type", "file"), new XAttribute("device", "disk"),
                new XElement("driver", new XAttribute("name", "qemu"), new XAttribute("type", format)),
                new XElement("source", new XAttribute("file", options.DiskImage)),
                new XElement("target", new XAttribute("dev", "sda"), new XAttribute("bus", "scsi")),
                new XElement("boot", new XAttribute("order", "1"))),
            new XElement("controller", new XAttribute("type", "scsi"), new XAttribute("index", "0"), new XAttribute("model", "virtio-scsi"),
                IommuDriver()),
            options.Network is null
                ? null
                : new XElement("interface", new XAttribute("type", "network"),
                    new XElement("source", new XAttribute("network", options.Network)),
                    new XElement("model", new XAttribute("type", "virtio")),
                    IommuDriver()),
            new XElement("serial", new XAttribute("type", "pty")),
            new XElement("console", new XAttribute("type", "pty"), new XElement("target", new XAttribute("type", "serial"))),
            new XElement("memballoon", new XAttribute("model", "none")));

        return new XDocument(
            new XElement("domain", new XAttribute("type", "kvm"),
                new XElement("name", options.Name),
                new XElement("memory", new XAttribute("unit", "MiB"), Number(options.MemoryMiB)),
                snp
                    // QEMU 10 keeps an SNP guest's private memory in guest_memfd; its shared memory is this memfd backend.
                    ? new XElement("memoryBacking", new XElement("source", new XAttribute("type", "memfd")), new XElement("access", new XAttribute("mode", "shared")))
                    : new XElement("memoryBacking", new XElement("locked")),
                new XElement("vcpu", new XAttribute("placement", "static"), Number(options.Cpus)),
                OperatingSystem(options, snp),
                new XElement("features", new XElement("acpi"), new XElement("apic"), new XElement("vmport", new XAttribute("state", "off"))),
                new XElement("cpu", new XAttribute("mode", "host-model")),
                new XElement("clock", new XAttribute("offset", "utc")),
                new XElement("on_poweroff", "destroy"),
                // SEV-ES and SNP guests cannot be reset in place (AMD's scripts pass -no-reboot): a reboot must start a new guest.
                new XElement("on_reboot", options.Level >= SevLevel.SevEs ? "destroy" : "restart"),
                new XElement("on_crash", "destroy"),
                devices,
                new XElement("launchSecurity", new XAttribute("type", snp ? "sev-snp" : "sev"),
                    new XElement("cbitpos", Number(cbitpos)),
                    new XElement("reducedPhysBits", Number(options.ReducedPhysBits)),
                    new XElement("policy", snp ? $"0x{policy.Value:x8}" : $"0x{policy.Value:x4}"))));
    }

    static XElement OperatingSystem(LibvirtDomainOptions options, bool snp)
    {
        var type = new XElement("type", new XAttribute("arch", "x86_64"), new XAttribute("machine", "q35"), "hvm");
        if (snp)
            return new XElement("os", type, new XElement("loader", new XAttribute("readonly", "yes"), new XAttribute("type", "rom"), options.SnpFirmware));
        var nvram = options.NvramPath ?? $"/var/lib/libvirt/qemu/nvram/{options.Name}_VARS.fd";
        return new XElement("os", type,
            new XElement("loader", new XAttribute("readonly", "yes"), new XAttribute("type", "pflash"), options.OvmfCode),
            new XElement("nvram", new XAttribute("template", options.OvmfVarsTemplate), nvram));
    }

    static XElement IommuDriver() => new("driver", new XAttribute("iommu", "on"));

    static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
