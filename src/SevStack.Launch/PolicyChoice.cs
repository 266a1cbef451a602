using SevStack.Checks;
using SevStack.Toolkit;

namespace SevStack.Launch;

/// <summary>The guest policy of a launch: the one given, else the level's default, checked against the level.</summary>
public sealed record PolicyChoice(ulong Value, string Text, IReadOnlyList<string> Explanation)
{
    /// <exception cref="BuildException">The policy does not fit the level, or the firmware would refuse it.</exception>
    public static PolicyChoice For(SevLevel level, ulong? given, bool allowDebug)
    {
        if (level == SevLevel.SevSnp)
        {
            var snp = given is { } p ? new SnpPolicy(p) : SnpPolicy.Default(allowDebug);
            snp.Validate();
            return new PolicyChoice(snp.Value, snp.ToString(), [$"SNP policy {snp}:", .. snp.Explain().Select(l => "  " + l)]);
        }
        var sev = given is { } value
            ? new SevPolicy(value <= uint.MaxValue ? (uint)value : throw new BuildException($"SEV policy 0x{value:x} does not fit in 32 bits (64-bit policies are for --sev-level sev-snp)"))
            : SevPolicy.Default(level, allowDebug);
        sev.Validate(level);
        return new PolicyChoice(sev.Value, sev.ToString(), [$"SEV policy {sev}:", .. sev.Explain().Select(l => "  " + l)]);
    }
}
