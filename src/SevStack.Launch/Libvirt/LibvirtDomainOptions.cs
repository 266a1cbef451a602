using SevStack.Checks;

namespace SevStack.Launch.Libvirt;

/// <summary>An SEV, SEV-ES or SEV-SNP guest for libvirt.</summary>
public sealed record LibvirtDomainOptions
{
    public required string Name { get; init; }

    /// <summary>SEV, SEV-ES or SEV-SNP (the last needs libvirt 10.5 or later, e.g. Debian 13's libvirt 11).</summary>
    public SevLevel Level { get; init; } = SevLevel.Sev;

    public int MemoryMiB { get; init; } = 2048;
    public int Cpus { get; init; } = 4;

    /// <summary>The guest disk, attached to a virtio-scsi controller with the IOMMU platform on.</summary>
    public required string DiskImage { get; init; }

    public string Emulator { get; init; } = "/usr/bin/qemu-system-x86_64";
    /// <summary>OVMF code (read-only pflash) for SEV and SEV-ES guests.</summary>
    public string OvmfCode { get; init; } = "/usr/share/OVMF/OVMF_CODE.fd";

    /// <summary>libvirt copies this template to <see cref="NvramPath"/> the first time the guest starts.</summary>
    public string OvmfVarsTemplate { get; init; } = "/usr/share/OVMF/OVMF_VARS.fd";

    /// <summary>The guest's own variable store; defaults to libvirt's <c>/var/lib/libvirt/qemu/nvram/NAME_VARS.fd</c>.</summary>
    public string? NvramPath { get; init; }

    /// <summary>The C-bit position; null reads it from CPUID 0x8000001F.</summary>
    public int? CbitPosition { get; init; }

    public int ReducedPhysBits { get; init; } = 1;

    /// <summary>The single-file OVMF that SEV-SNP guests boot as a ROM (<c>-bios</c>): their memory is private, so no NVRAM.</summary>
    public string? SnpFirmware { get; init; }

    /// <summary>
    /// An explicit policy: 32-bit for SEV and SEV-ES (default 0x1 or 0x5, 0x0/0x4 with <see cref="AllowDebug"/>), 64-bit for
    /// SEV-SNP (default 0x30000, 0xb0000 with <see cref="AllowDebug"/>).
    /// </summary>
    public ulong? Policy { get; init; }

    public bool AllowDebug { get; init; }

    /// <summary>A libvirt network to attach a virtio NIC to; null for none.</summary>
    public string? Network { get; init; } = "default";
}
