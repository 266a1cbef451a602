namespace SevStack.Measurement;

/// <summary>The confidential-guest flavour; it decides what the launch digest covers and its hash (SHA-256 or SHA-384).</summary>
public enum SevMode
{
    /// <summary>Plain SEV: SHA-256 over the firmware (and the SEV hashes table for measured direct boot).</summary>
    Sev,

    /// <summary>SEV-ES: as SEV, followed by one VMSA page per vCPU.</summary>
    SevEs,

    /// <summary>SEV-SNP: the SHA-384 PAGE_INFO chain of SNP_LAUNCH_UPDATE.</summary>
    SevSnp,
}

public static class SevModeNames
{
    public static string Name(this SevMode mode) => mode switch
    {
        SevMode.Sev => "sev",
        SevMode.SevEs => "sev-es",
        SevMode.SevSnp => "sev-snp",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    public static SevMode Parse(string name)
    {
        foreach (var mode in Enum.GetValues<SevMode>())
            if (string.Equals(mode.Name(), name.Trim(), StringComparison.OrdinalIgnoreCase))
                return mode;
        throw new MeasurementException($"unknown SEV mode '{name}': use sev, sev-es or sev-snp");
    }
}
