using SevStack.Checks;

namespace SevStack.Launch.Libvirt;

/// <summary>An SEV or SEV-ES guest for libvirt.</summary>
public sealed record LibvirtDomainOptions
{
    public required string Name { get; init; }

    /// <summary>SEV or SEV-ES; SEV-SNP domains need libvirt 10.5 and are not written here.</summary>
    public SevLevel Level { get; init; } = SevLevel.Sev;

    public int MemoryMiB { get; init; } = 2048;
    public int Cpus { get; init; } = 4;

    /// <summary>The guest disk, attached to a virtio-scsi controller with the IOMMU platform on.</summary>
    public required string DiskImage { get; init; }

    public string Emulator { get; init; } = "/usr/bin/qemu-system-x86_64";
    public string OvmfCode { get; init; } = "/usr/share/OVMF/OVMF_CODE.fd";

    /// <summary>libvirt copies this template to <see cref="NvramPath"/> the first time the guest starts.</summary>
    public string OvmfVarsTemplate { get; init; } = "/usr/share/OVMF/OVMF_VARS.fd";

    /// <summary>The guest's own variable store; defaults to libvirt's <c>/var/lib/libvirt/qemu/nvram/NAME_VARS.fd</c>.</summary>
    public string? NvramPath { get; init; }

    /// <summary>The C-bit position; null reads it from CPUID 0x8000001F.</summary>
    public int? CbitPosition { get; init; }

    public int ReducedPhysBits { get; init; } = 1;

    /// <summary>An explicit 32-bit SEV policy; null uses 0x1 (SEV) or 0x5 (SEV-ES), 0x0/0x4 with <see cref="AllowDebug"/>.</summary>
    public uint? Policy { get; init; }

    public bool AllowDebug { get; init; }

    /// <summary>A libvirt network to attach a virtio NIC to; null for none.</summary>
    public string? Network { get; init; } = "default";
}
