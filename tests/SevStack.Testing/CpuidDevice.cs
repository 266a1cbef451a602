namespace SevStack.Testing;

/// <summary>
/// A sparse stand-in for the cpuid driver's <c>/dev/cpu/0/cpuid</c> below a fixture root, holding leaf 0x8000001F
/// (AMD's memory-encryption leaf) at its file offset, as the driver serves it.
/// </summary>
public static class CpuidDevice
{
    public const string Path = "/dev/cpu/0/cpuid";

    /// <summary>A Milan EPYC with SNP: SME, SEV, SEV-ES, SEV-SNP, 4 VMPLs, reduction 1, C-bit 51, ASIDs 1-1006, SEV-only from 510.</summary>
    public static void WriteMilanSnp(string root) => Write(root, 0x3F, (4u << 12) | (1u << 6) | 51, 1006, 510);

    public static void Write(string root, uint eax, uint ebx, uint ecx, uint edx)
    {
        var path = System.IO.Path.Combine(root, Path.TrimStart('/'));
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        file.Seek(0x8000001F, SeekOrigin.Begin);
        Span<byte> registers = stackalloc byte[16];
        BitConverter.TryWriteBytes(registers[0..4], eax);
        BitConverter.TryWriteBytes(registers[4..8], ebx);
        BitConverter.TryWriteBytes(registers[8..12], ecx);
        BitConverter.TryWriteBytes(registers[12..16], edx);
        file.Write(registers);
    }
}
