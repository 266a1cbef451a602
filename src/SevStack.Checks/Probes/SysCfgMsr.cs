using System.Buffers.Binary;

namespace SevStack.Checks.Probes;

/// <summary>
/// MSR 0xC0010010 (SYSCFG) of CPU 0 from the msr driver: bit 23 MemEncryptionModEn (SMEE), bit 24 SNPEn, bit 25 VMPLEn,
/// which the BIOS sets for SEV-SNP hosts (snphost checks the same bits).
/// </summary>
public sealed record SysCfgMsr(ulong? Value, string? Error)
{
    public const string DevicePath = "/dev/cpu/0/msr";
    public const long Register = 0xC0010010;

    public bool MemoryEncryption => Bit(23);
    public bool SnpEnabled => Bit(24);
    public bool VmplEnabled => Bit(25);

    bool Bit(int bit) => Value is { } v && (v & (1UL << bit)) != 0;

    public string Describe() => Value is { } v
        ? $"{DevicePath} SYSCFG 0x{v:x}: MemEncryptionModEn {OnOff(MemoryEncryption)}, SNPEn {OnOff(SnpEnabled)}, VMPLEn {OnOff(VmplEnabled)}"
        : $"{DevicePath}: {Error}";

    static string OnOff(bool value) => value ? "on" : "off";

    public static SysCfgMsr Read(HostFiles files)
    {
        var read = files.ReadAt(DevicePath, Register, 8);
        return read.Data is null ? new SysCfgMsr(null, read.Error) : new SysCfgMsr(BinaryPrimitives.ReadUInt64LittleEndian(read.Data), null);
    }
}
