using System.Buffers.Binary;
using SevStack.Checks.Probes;

namespace SevStack.Checks.Guest;

/// <summary>
/// MSR 0xC0010131 (SEV_STATUS) of one CPU, read inside a guest from the msr driver (<c>/dev/cpu/N/msr</c>, where
/// the file offset is the register): bit 0 SEV, bit 1 SEV-ES, bit 2 SEV-SNP.
/// </summary>
public sealed record SevStatusMsr(int Cpu, ulong? Value, string? Error)
{
    public const long Register = 0xC0010131;

    public SevLevel Level => Value switch
    {
        null => SevLevel.None,
        var v when (v & 0b100) != 0 => SevLevel.SevSnp,
        var v when (v & 0b010) != 0 => SevLevel.SevEs,
        var v when (v & 0b001) != 0 => SevLevel.Sev,
        _ => SevLevel.None,
    };

    public string Describe() => Value is { } v
        ? $"cpu{Cpu}: 0x{v:x} (SEV {Bit(v, 0)}, SEV-ES {Bit(v, 1)}, SEV-SNP {Bit(v, 2)})"
        : $"cpu{Cpu}: {Error}";

    static string Bit(ulong value, int bit) => (value & (1UL << bit)) != 0 ? "on" : "off";

    /// <summary>Reads the MSR of every CPU that has an msr device; empty when the msr driver is not loaded.</summary>
    public static IReadOnlyList<SevStatusMsr> ReadAll(HostFiles files)
    {
        var cpus = files.List("/dev/cpu")
            .Select(n => int.TryParse(n, out var cpu) ? cpu : -1)
            .Where(cpu => cpu >= 0 && files.Exists($"/dev/cpu/{cpu}/msr"))
            .Order();
        return [.. cpus.Select(cpu =>
        {
            var read = files.ReadAt($"/dev/cpu/{cpu}/msr", Register, 8);
            return read.Data is null
                ? new SevStatusMsr(cpu, null, read.Error)
                : new SevStatusMsr(cpu, BinaryPrimitives.ReadUInt64LittleEndian(read.Data), null);
        })];
    }
}
