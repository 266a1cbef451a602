using System.Text.RegularExpressions;
using SevStack.Engine.Parameters;

namespace SevStack.Build.Parameters;

/// <summary>A guest's name (--guest-name): the libvirt domain name and the file names artifacts/libvirt/&lt;name&gt;.xml and &lt;name&gt;.OVMF_VARS.fd, so never a path.</summary>
public sealed partial record GuestName : IParsable<GuestName>
{
    GuestName(string value) => Value = value;

    public string Value { get; }

    public static GuestName Parse(string s, IFormatProvider? provider) =>
        new(ParsableText.Require(s, Pattern().IsMatch(s), "expects a name of letters, digits, '.', '_' and '-' (at most 64, starting with a letter or digit), e.g. sev-guest"));

    public static bool TryParse(string? s, IFormatProvider? provider, out GuestName result) =>
        ParsableText.TryParse(text => Parse(text, provider), s, out result!);

    public override string ToString() => Value;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex Pattern();
}
