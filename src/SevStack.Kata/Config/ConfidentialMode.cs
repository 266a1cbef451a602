namespace SevStack.Kata.Config;

/// <summary>The memory-encryption technology asked of the guest.</summary>
public enum ConfidentialMode
{
    /// <summary>Leave the confidential-guest keys as the packaged file has them.</summary>
    Unchanged,
    /// <summary>Plain SEV (1.x fork: <c>enable_mem_encryption</c>; 3.x: <c>confidential_guest</c>, Kata 3.18 at most).</summary>
    Sev,
    /// <summary>SEV-SNP (3.x only: <c>confidential_guest</c> plus <c>sev_snp_guest</c>).</summary>
    Snp,
}
