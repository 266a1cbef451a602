using SevStack.Measurement;
using SevStack.Measurement.Vmsa;

namespace SevStack.Build.Modules.Measure;

/// <summary>--measure-vcpu-type: one of QEMU's SEV-capable AMD CPU models, e.g. EPYC-v4 or EPYC-Milan.</summary>
public sealed record VcpuTypeName : IParsable<VcpuTypeName>
{
    VcpuTypeName(VcpuType type) => Type = type;

    public VcpuType Type { get; }

    public static VcpuTypeName Parse(string s, IFormatProvider? provider)
    {
        try
        {
            return new VcpuTypeName(VcpuTypes.Find(s));
        }
        catch (MeasurementException)
        {
            throw new FormatException($"expects one of QEMU's SEV-capable CPU models: {string.Join(", ", VcpuTypes.All.Select(t => t.Name))}");
        }
    }

    public static bool TryParse(string? s, IFormatProvider? provider, out VcpuTypeName result) =>
        ParsableText.TryParse(text => Parse(text, provider), s, out result!);

    public override string ToString() => Type.Name;
}
