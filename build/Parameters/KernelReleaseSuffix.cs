using SevStack.Engine.Parameters;

namespace SevStack.Build.Parameters;

/// <summary>The kernel's LOCALVERSION (--kernel-local-version): part of the release, of /boot and /lib/modules names and of package names, so lower case.</summary>
public sealed record KernelReleaseSuffix : ParameterText<KernelReleaseSuffix>, IParsable<KernelReleaseSuffix>
{
    KernelReleaseSuffix(string value) : base(value) { }

    public static KernelReleaseSuffix Parse(string s, IFormatProvider? provider) => new(ParsableText.Matching(s, "^[a-z0-9.+-]{1,32}$", "expects a suffix of lower-case letters, digits, '.', '+' and '-' (at most 32), e.g. -sev"));
}
