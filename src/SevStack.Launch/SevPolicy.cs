using System.Globalization;
using SevStack.Checks;
using SevStack.Toolkit;

namespace SevStack.Launch;

/// <summary>
/// The 32-bit guest policy of SEV and SEV-ES guests (SEV API spec, "Guest Policy"): the owner's rules the firmware
/// enforces for the whole life of the guest.
/// </summary>
public readonly record struct SevPolicy(uint Value)
{
    public const uint NoDebug = 1 << 0;
    public const uint NoKeySharing = 1 << 1;
    public const uint EncryptedState = 1 << 2;
    public const uint NoSend = 1 << 3;
    public const uint Domain = 1 << 4;
    public const uint Sev = 1 << 5;
    const uint Reserved = 0x0000FFC0;

    /// <summary>What AMD's launch-qemu.sh uses: no debugging (0x1), plus SEV-ES (0x4) for SEV-ES guests.</summary>
    public static SevPolicy Default(SevLevel level, bool allowDebug)
    {
        var value = allowDebug ? 0 : NoDebug;
        if (level == SevLevel.SevEs) value |= EncryptedState;
        return new SevPolicy(value);
    }

    /// <summary>Rejects policies the firmware refuses, or that do not match the requested level.</summary>
    /// <exception cref="BuildException">The policy is invalid for <paramref name="level"/>.</exception>
    public void Validate(SevLevel level)
    {
        if ((Value & Reserved) != 0)
            throw new BuildException($"SEV policy {this} sets reserved bits 6-15 (0x{Value & Reserved:x}); the firmware rejects it");
        if (level == SevLevel.SevEs && (Value & EncryptedState) == 0)
            throw new BuildException($"SEV policy {this} lacks bit 2 (0x4, SEV-ES), which QEMU reads to start an SEV-ES guest; use --sev-policy {new SevPolicy(Value | EncryptedState)}");
        if (level == SevLevel.Sev && (Value & EncryptedState) != 0)
            throw new BuildException($"SEV policy {this} sets bit 2 (0x4, SEV-ES) but plain SEV was requested; use --sev-level sev-es for an SEV-ES guest, or --sev-policy {new SevPolicy(Value & ~EncryptedState)} for plain SEV");
    }

    public IReadOnlyList<string> Explain()
    {
        var lines = new List<string>
        {
            Bit(NoDebug, "NODBG", "the hypervisor may not debug the guest (read or write its memory through the firmware)"),
            Bit(NoKeySharing, "NOKS", "the guest may not share its key with other guests"),
            Bit(EncryptedState, "ES", "SEV-ES: CPU register state is encrypted too"),
            Bit(NoSend, "NOSEND", "the guest may not be migrated (SEND commands refused)"),
            Bit(Domain, "DOMAIN", "migration only to machines in the same domain"),
            Bit(Sev, "SEV", "migration only to machines that support SEV"),
        };
        lines.Add($"bits 16-23 minimum firmware API major: {(Value >> 16) & 0xFF}, bits 24-31 minor: {Value >> 24}");
        return lines;
    }

    string Bit(uint bit, string name, string meaning) =>
        $"{((Value & bit) != 0 ? "set  " : "clear")} 0x{bit:x2} {name}: {((Value & bit) != 0 ? meaning : "not required")}";

    public override string ToString() => "0x" + Value.ToString("x", CultureInfo.InvariantCulture);
}
