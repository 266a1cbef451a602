using SevStack.Engine.Parameters;

namespace SevStack.Build.Parameters;

/// <summary>
/// Kernel parameters added through /etc/default/grub.d (--kernel-cmdline), a file the shell sources: words such as
/// mem_encrypt=on or console=ttyS0,115200 separated by (one, once accepted) space; no quote, $, `, \ or ; that the shell would interpret.
/// </summary>
public sealed record KernelCommandLine : ParameterText<KernelCommandLine>, IParsable<KernelCommandLine>
{
    KernelCommandLine(string value) : base(value) { }

    public static KernelCommandLine Parse(string s, IFormatProvider? provider) =>
        new(string.Join(' ', ParsableText.Matching(s, "^ *[A-Za-z0-9_.,:/=+@%-]+( +[A-Za-z0-9_.,:/=+@%-]+)* *$",
                "expects kernel parameters separated by spaces, e.g. \"mem_encrypt=on kvm_amd.sev=1\" (letters, digits and _ . , : / = + @ % -; no quotes or shell characters)")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)));
}
