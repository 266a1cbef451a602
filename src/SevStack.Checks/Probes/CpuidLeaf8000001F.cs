using System.Buffers.Binary;

namespace SevStack.Checks.Probes;

/// <summary>CPUID Fn8000_001F, AMD's memory-encryption leaf (AMD APM vol. 3, appendix E.4.17).</summary>
public sealed record CpuidLeaf8000001F(uint Eax, uint Ebx, uint Ecx, uint Edx)
{
    public const uint Leaf = 0x8000001F;

    public bool Sme => (Eax & (1u << 0)) != 0;
    public bool Sev => (Eax & (1u << 1)) != 0;
    public bool SevEs => (Eax & (1u << 3)) != 0;
    public bool SevSnp => (Eax & (1u << 4)) != 0;
    public bool Vmpl => (Eax & (1u << 5)) != 0;

    /// <summary>VM permission levels an SNP guest can use (EBX[15:12]).</summary>
    public int VmplCount => (int)((Ebx >> 12) & 0xF);

    /// <summary>The page-table bit that marks a page encrypted (EBX[5:0]); QEMU's <c>cbitpos</c>.</summary>
    public int CbitPosition => (int)(Ebx & 0x3F);

    /// <summary>Physical address bits lost when memory encryption is on (EBX[11:6]); QEMU's <c>reduced-phys-bits</c>.</summary>
    public int PhysicalAddressReduction => (int)((Ebx >> 6) & 0x3F);

    /// <summary>Encrypted guests the CPU can run at once (ECX): the number of SEV ASIDs.</summary>
    public uint EncryptedGuests => Ecx;

    /// <summary>The lowest ASID usable by a guest that is SEV but not SEV-ES (EDX); lower ASIDs are for SEV-ES/SNP.</summary>
    public uint MinimumSevOnlyAsid => Edx;

    /// <summary>The 16 bytes the cpuid driver returns: EAX, EBX, ECX, EDX, little-endian.</summary>
    public static CpuidLeaf8000001F FromBytes(ReadOnlySpan<byte> registers) => new(
        BinaryPrimitives.ReadUInt32LittleEndian(registers[0..4]),
        BinaryPrimitives.ReadUInt32LittleEndian(registers[4..8]),
        BinaryPrimitives.ReadUInt32LittleEndian(registers[8..12]),
        BinaryPrimitives.ReadUInt32LittleEndian(registers[12..16]));

    public string Describe() =>
        $"SME {YesNo(Sme)}, SEV {YesNo(Sev)}, SEV-ES {YesNo(SevEs)}, SEV-SNP {YesNo(SevSnp)}" +
        (SevSnp ? $", VMPL {YesNo(Vmpl)}{(Vmpl ? $" ({VmplCount} levels)" : "")}; " : "; ") +
        $"C-bit position {CbitPosition}, physical address reduction {PhysicalAddressReduction}, " +
        $"{EncryptedGuests} encrypted guests, minimum SEV-only ASID {MinimumSevOnlyAsid}";

    static string YesNo(bool value) => value ? "yes" : "no";
}
