using SevStack.Engine.Parameters;

namespace SevStack.Build.Parameters;

/// <summary>An SEV guest policy (--sev-policy) as a number, 0x1 or 5; its bits are checked against the level when the guest is launched.</summary>
public sealed record GuestPolicy : IParsable<GuestPolicy>
{
    GuestPolicy(string text, ulong value) => (Text, Value) = (text, value);

    public string Text { get; }

    public ulong Value { get; }

    public static GuestPolicy Parse(string s, IFormatProvider? provider) =>
        new(s, ParsableText.UnsignedNumber(s, "expects a policy number such as 0x1 or 5 (at most 64 bits)"));

    public static bool TryParse(string? s, IFormatProvider? provider, out GuestPolicy result) =>
        ParsableText.TryParse(text => Parse(text, provider), s, out result!);

    public override string ToString() => Text;
}
