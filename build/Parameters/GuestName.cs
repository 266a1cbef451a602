using SevStack.Engine.Parameters;

namespace SevStack.Build.Parameters;

/// <summary>A guest's name (--guest-name): the libvirt domain name and the file names artifacts/libvirt/&lt;name&gt;.xml and &lt;name&gt;.OVMF_VARS.fd, so never a path.</summary>
public sealed record GuestName : ParameterText<GuestName>, IParsable<GuestName>
{
    GuestName(string value) : base(value) { }

    public static GuestName Parse(string s, IFormatProvider? provider) => new(ParsableText.Matching(s, "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", "expects a name of letters, digits, '.', '_' and '-' (at most 64, starting with a letter or digit), e.g. sev-guest"));
}
