using SevStack.Measurement.Snp;

namespace SevStack.Measurement;

/// <summary>Checks a request before any file is read, with one message per problem: what, where, what to do.</summary>
static class RequestValidation
{
    public static void Check(MeasurementRequest request)
    {
        var mode = request.Mode.Name();
        if (request.Vcpus < 1)
            throw new MeasurementException($"{mode} measurement: {request.Vcpus} vCPUs; a guest has at least 1");
        if (request.Kernel is null && (request.Initrd is not null || request.CommandLine is not null))
            throw new MeasurementException($"{mode} measurement: an initrd or command line is measured only with the kernel it belongs to; pass the kernel too");
        if (request.Mode != SevMode.Sev && request.VcpuType is null)
            throw new MeasurementException($"{mode} measurement: no vCPU type; its VMSAs carry the CPU model's signature, pass the QEMU -cpu model (e.g. EPYC-v4)");
        if (request.Mode == SevMode.SevSnp)
        {
            if (request.GuestFeatures is not { } features)
                throw new MeasurementException("sev-snp measurement: no guest features; pass the VMSA SEV_FEATURES the VMM sets (0x1 = SNP active)");
            if ((features & GuestFeatures.SnpActive) == 0)
                throw new MeasurementException($"sev-snp measurement: guest features 0x{features:x} lack bit 0 (SNPActive), which every SNP VMSA has; add 0x1");
        }
        else
        {
            if (request.GuestFeatures is { } features and not 0)
                throw new MeasurementException($"{mode} measurement: guest features 0x{features:x} apply to SEV-SNP only; drop them");
            if (request.SnpOvmfHash is not null)
                throw new MeasurementException($"{mode} measurement: a precomputed OVMF hash applies to SEV-SNP only; drop it");
        }
    }

    /// <summary>The 48 bytes of a precomputed SNP OVMF hash given as hex.</summary>
    public static byte[] ParseOvmfHash(string hex)
    {
        var trimmed = hex.Trim();
        if (trimmed.Length != SnpLaunchDigest.DigestBytes * 2 || !trimmed.All(char.IsAsciiHexDigit))
            throw new MeasurementException($"sev-snp measurement: OVMF hash '{hex}' is not {SnpLaunchDigest.DigestBytes * 2} hex digits (a SHA-384 launch digest)");
        return Convert.FromHexString(trimmed);
    }
}
