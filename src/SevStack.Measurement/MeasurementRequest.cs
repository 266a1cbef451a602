namespace SevStack.Measurement;

/// <summary>
/// What the expected launch digest of one guest depends on, for QEMU/KVM. A kernel means measured direct boot
/// (QEMU's <c>kernel-hashes=on</c>): its hash, the initrd's and the command line's go into the SEV hashes table.
/// </summary>
public sealed record MeasurementRequest
{
    public required SevMode Mode { get; init; }

    /// <summary>The OVMF image QEMU maps below 4 GiB (<c>-bios</c> or the code pflash).</summary>
    public required string Firmware { get; init; }

    public int Vcpus { get; init; } = 1;

    /// <summary>The QEMU <c>-cpu</c> model (e.g. EPYC-v4); required for SEV-ES and SEV-SNP, whose VMSAs carry its CPUID signature.</summary>
    public string? VcpuType { get; init; }

    /// <summary>SEV_FEATURES of the SNP VMSAs (see <see cref="Measurement.GuestFeatures"/>); required for SEV-SNP, unused otherwise.</summary>
    public ulong? GuestFeatures { get; init; }

    public string? Kernel { get; init; }

    public string? Initrd { get; init; }

    public string? CommandLine { get; init; }

    /// <summary>
    /// SNP only: the launch digest over the firmware pages, computed earlier (hex, 48 bytes); the firmware file then
    /// only supplies its footer table and metadata.
    /// </summary>
    public string? SnpOvmfHash { get; init; }
}
