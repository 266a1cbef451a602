namespace SevStack.Measurement.Vmsa;

/// <summary>
/// A QEMU CPU model and the family/model/stepping it reports. At reset RDX holds the CPUID Fn0000_0001 EAX signature
/// (AMD CPUID specification #25481): stepping in bits 3:0, model 7:4, family 11:8 (0xF when the family is above 15),
/// extended model 19:16, extended family (family - 0xF) 27:20.
/// </summary>
public sealed record VcpuType(string Name, int Family, int Model, int Stepping)
{
    public uint Signature
    {
        get
        {
            var (baseFamily, extendedFamily) = Family > 0xF ? (0xF, Family - 0xF) : (Family, 0);
            return (uint)((extendedFamily & 0xFF) << 20 | (Model >> 4 & 0xF) << 16 | baseFamily << 8 | (Model & 0xF) << 4 | (Stepping & 0xF));
        }
    }
}

/// <summary>The SEV-capable AMD models of QEMU's builtin CPU definitions (target/i386/cpu.c), by their -cpu names.</summary>
public static class VcpuTypes
{
    public static IReadOnlyList<VcpuType> All { get; } =
    [
        .. Versions("EPYC", 23, 1, 2, "", "-v1", "-v2", "-v3", "-v4", "-IBPB"),
        .. Versions("EPYC-Rome", 23, 49, 0, "", "-v1", "-v2", "-v3", "-v4"),
        .. Versions("EPYC-Milan", 25, 1, 1, "", "-v1", "-v2"),
        .. Versions("EPYC-Genoa", 25, 17, 0, "", "-v1"),
        .. Versions("EPYC-Turin", 26, 0, 0, "", "-v1"),
    ];

    public static VcpuType Find(string name) =>
        All.FirstOrDefault(t => string.Equals(t.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new MeasurementException($"unknown vCPU type '{name}': use one of {string.Join(", ", All.Select(t => t.Name))}");

    static IEnumerable<VcpuType> Versions(string model, int family, int number, int stepping, params string[] suffixes) =>
        suffixes.Select(s => new VcpuType(model + s, family, number, stepping));
}
