using SevStack.Checks;

namespace SevStack.Launch.Qemu;

/// <summary>
/// A guest to start with QEMU, as AMD's launch-qemu.sh takes it (<c>-sev</c>, <c>-sev-es</c>, <c>-sev-snp</c>, <c>-hda</c>,
/// <c>-mem</c>, <c>-smp</c>, <c>-cpu</c>, <c>-allow-debug</c>, <c>-kernel</c>, <c>-initrd</c>, <c>-append</c>, <c>-cdrom</c>,
/// <c>-default-network</c>, <c>-monitor</c>, <c>-certs</c>).
/// </summary>
public sealed record LaunchOptions
{
    public string QemuBinary { get; init; } = "qemu-system-x86_64";

    /// <summary>None for a plain guest; SEV-ES and SEV-SNP include the levels below them.</summary>
    public SevLevel Level { get; init; } = SevLevel.None;

    public int MemoryMiB { get; init; } = 2048;
    public int Cpus { get; init; } = 4;
    public string CpuModel { get; init; } = "EPYC-v4";

    /// <summary>The guest disk, attached through virtio-scsi; qcow2 when the name ends in .qcow2, raw otherwise.</summary>
    public string? DiskImage { get; init; }
    public string? Cdrom { get; init; }
    public string? Kernel { get; init; }
    public string? Initrd { get; init; }
    public string Append { get; init; } = "console=ttyS0 earlyprintk=serial root=/dev/sda2";

    /// <summary>OVMF code (read-only pflash) for plain, SEV and SEV-ES guests.</summary>
    public string OvmfCode { get; init; } = "/usr/share/OVMF/OVMF_CODE.fd";

    /// <summary>The OVMF variable store template copied once per guest.</summary>
    public string OvmfVarsTemplate { get; init; } = "/usr/share/OVMF/OVMF_VARS.fd";

    /// <summary>The single-file OVMF that SEV-SNP guests boot with <c>-bios</c> (SNP guests cannot use pflash).</summary>
    public string? SnpFirmware { get; init; }

    /// <summary>Where the per-guest copy of the variable store lives.</summary>
    public string StateDirectory { get; init; } = ".";

    /// <summary>Names the VARS copy; defaults to the disk's (or CD's) file name without extension.</summary>
    public string? GuestName { get; init; }

    /// <summary>The C-bit position; null reads it from CPUID 0x8000001F, never a hard-coded 47.</summary>
    public int? CbitPosition { get; init; }

    /// <summary>QEMU's reduced-phys-bits; 1, as QEMU reports and AMD's scripts pass.</summary>
    public int ReducedPhysBits { get; init; } = 1;

    /// <summary>An explicit guest policy; null uses the level's default (see <see cref="SevPolicy"/>, <see cref="SnpPolicy"/>).</summary>
    public ulong? Policy { get; init; }

    public bool AllowDebug { get; init; }

    /// <summary>QEMU user networking (virtio-net); needs QEMU built with libslirp.</summary>
    public bool UserNetwork { get; init; }

    /// <summary>A QEMU monitor socket to create (<c>-monitor unix:PATH</c>).</summary>
    public string? MonitorSocket { get; init; }

    /// <summary>SNP certificate blob for the guest (<c>certs-path</c>, AMD's QEMU only).</summary>
    public string? SnpCertsPath { get; init; }

    /// <summary><c>kvm</c> for real guests; <c>tcg</c> only to check a plain command line where KVM is missing.</summary>
    public string Accelerator { get; init; } = "kvm";
}
