namespace SevStack.Measurement;

/// <summary>Bits of the VMSA's SEV_FEATURES field (AMD64 APM volume 2, "SEV_FEATURES") that SNP guests commonly carry.</summary>
public static class GuestFeatures
{
    /// <summary>Bit 0: the guest runs SNP-active; VMRUN of an SNP guest requires it.</summary>
    public const ulong SnpActive = 0x1;

    /// <summary>Bit 5: the hardware swaps debug registers on world switches (KVM's debug_swap).</summary>
    public const ulong DebugSwap = 0x20;
}
