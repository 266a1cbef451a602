using System.Text.RegularExpressions;
using SevStack.Engine.Parameters;

namespace SevStack.Build.Parameters;

/// <summary>The kernel's LOCALVERSION (--kernel-local-version): part of the release, of /boot and /lib/modules names and of package names, so lower case.</summary>
public sealed partial record KernelReleaseSuffix : IParsable<KernelReleaseSuffix>
{
    KernelReleaseSuffix(string value) => Value = value;

    public string Value { get; }

    public static KernelReleaseSuffix Parse(string s, IFormatProvider? provider) =>
        new(ParsableText.Require(s, Pattern().IsMatch(s), "expects a suffix of lower-case letters, digits, '.', '+' and '-' (at most 32), e.g. -sev"));

    public static bool TryParse(string? s, IFormatProvider? provider, out KernelReleaseSuffix result) =>
        ParsableText.TryParse(text => Parse(text, provider), s, out result!);

    public override string ToString() => Value;

    [GeneratedRegex("^[a-z0-9.+-]{1,32}$")]
    private static partial Regex Pattern();
}
