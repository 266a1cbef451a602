namespace SevStack.Measurement.Snp;

/// <summary>PAGE_TYPE of SNP_LAUNCH_UPDATE (AMD SEV-SNP ABI specification, PAGE_INFO structure).</summary>
public enum SnpPageType : byte
{
    Normal = 1,
    Vmsa = 2,
    Zero = 3,
    Unmeasured = 4,
    Secrets = 5,
    Cpuid = 6,
}
