
namespace SevStack.Build.Modules.Measure;

/// <summary>--measure-guest-features: the VMSA's SEV_FEATURES for SNP guests, as 0x21 or 33; bit 0 (SNPActive) must be set.</summary>
public sealed record SevFeatureBits : IParsable<SevFeatureBits>
{
    SevFeatureBits(ulong value) => Value = value;

    public ulong Value { get; }

    public static SevFeatureBits Parse(string s, IFormatProvider? provider)
    {
        var value = ParsableText.UnsignedNumber(s, "expects SEV_FEATURES as a number such as 0x1 or 0x21 (at most 64 bits)");
        return (value & Measurement.GuestFeatures.SnpActive) != 0
            ? new SevFeatureBits(value)
            : throw new FormatException("lacks bit 0 (SNPActive), which every SNP guest's VMSA carries: use 0x1, or 0x21 with DebugSwap");
    }

    public static bool TryParse(string? s, IFormatProvider? provider, out SevFeatureBits result) =>
        ParsableText.TryParse(text => Parse(text, provider), s, out result!);

    public override string ToString() => $"0x{Value:x}";
}
