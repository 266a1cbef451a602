using System.Text.RegularExpressions;
using SevStack.Engine.Parameters;

namespace SevStack.Build.Parameters;

/// <summary>
/// Kernel parameters added through /etc/default/grub.d (--kernel-cmdline), a file the shell sources: words such as
/// mem_encrypt=on or console=ttyS0,115200 separated by spaces; no quote, $, `, \ or ; that the shell would interpret.
/// </summary>
public sealed partial record KernelCommandLine : IParsable<KernelCommandLine>
{
    KernelCommandLine(string value) => Value = value;

    public string Value { get; }

    public static KernelCommandLine Parse(string s, IFormatProvider? provider) =>
        new(string.Join(' ', ParsableText.Require(s, Pattern().IsMatch(s), "expects kernel parameters separated by spaces, e.g. \"mem_encrypt=on kvm_amd.sev=1\" (letters, digits and _ . , : / = + @ % -; no quotes or shell characters)")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)));

    public static bool TryParse(string? s, IFormatProvider? provider, out KernelCommandLine result) =>
        ParsableText.TryParse(text => Parse(text, provider), s, out result!);

    public override string ToString() => Value;

    [GeneratedRegex("^ *[A-Za-z0-9_.,:/=+@%-]+( +[A-Za-z0-9_.,:/=+@%-]+)* *$")]
    private static partial Regex Pattern();
}
