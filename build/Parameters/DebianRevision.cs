using SevStack.Engine.Parameters;

namespace SevStack.Build.Parameters;

/// <summary>The Debian revision after each upstream version (--build-suffix): the characters Debian policy (5.6.12) allows there, no '-'.</summary>
public sealed record DebianRevision : ParameterText<DebianRevision>, IParsable<DebianRevision>
{
    DebianRevision(string value) : base(value) { }

    public static DebianRevision Parse(string s, IFormatProvider? provider) => new(ParsableText.Matching(s, "^[A-Za-z0-9][A-Za-z0-9.+~]{0,31}$", "expects a Debian revision: letters, digits, '.', '+' and '~' (at most 32, starting with a letter or digit), e.g. sevstack1"));
}
