namespace SevStack.Measurement;

/// <summary>The expected launch digest and what it was computed from.</summary>
public sealed record MeasurementResult(
    SevMode Mode,
    int Vcpus,
    string? VcpuType,
    uint? VcpuSignature,
    ulong GuestFeatures,
    string Firmware,
    string? Kernel,
    string? Initrd,
    string? CommandLine,
    string? SnpOvmfHash,
    string Digest)
{
    /// <summary>The launch digests here are computed the way QEMU with KVM launches a guest.</summary>
    public string Vmm => "qemu";

    public string DigestAlgorithm => Mode == SevMode.SevSnp ? "sha384" : "sha256";
}
