using System.Globalization;
using SevStack.Toolkit;

namespace SevStack.Launch;

/// <summary>The 64-bit guest policy of SEV-SNP guests (SNP firmware ABI spec, "Guest Policy").</summary>
public readonly record struct SnpPolicy(ulong Value)
{
    public const ulong SmtAllowed = 1UL << 16;
    public const ulong ReservedMustBeOne = 1UL << 17;
    public const ulong MigrationAgent = 1UL << 18;
    public const ulong Debug = 1UL << 19;
    public const ulong SingleSocket = 1UL << 20;
    const ulong HighestKnownBit = 1UL << 25;

    /// <summary>What AMD's launch-qemu.sh uses: 0x30000 (SMT allowed, reserved bit 17), plus 0x80000 with debugging.</summary>
    public static SnpPolicy Default(bool allowDebug) =>
        new(SmtAllowed | ReservedMustBeOne | (allowDebug ? Debug : 0));

    /// <exception cref="BuildException">The firmware would refuse the policy.</exception>
    public void Validate()
    {
        if ((Value & ReservedMustBeOne) == 0)
            throw new BuildException($"SNP policy {this} clears bit 17, which the firmware requires set; use --sev-policy {new SnpPolicy(Value | ReservedMustBeOne)}");
        if (Value >= HighestKnownBit << 1)
            throw new BuildException($"SNP policy {this} sets bits above 25, which are reserved");
    }

    public IReadOnlyList<string> Explain() =>
    [
        $"bits 0-15 minimum firmware ABI: {(Value >> 8) & 0xFF}.{Value & 0xFF}",
        Bit(SmtAllowed, "SMT", "the guest may run with simultaneous multithreading on"),
        Bit(ReservedMustBeOne, "reserved", "must be set"),
        Bit(MigrationAgent, "MIGRATE_MA", "a migration agent may be associated"),
        Bit(Debug, "DEBUG", "the hypervisor may debug the guest"),
        Bit(SingleSocket, "SINGLE_SOCKET", "the guest may run on one socket only"),
    ];

    string Bit(ulong bit, string name, string meaning) =>
        $"{((Value & bit) != 0 ? "set  " : "clear")} 0x{bit:x6} {name}: {((Value & bit) != 0 ? meaning : "no")}";

    public override string ToString() => "0x" + Value.ToString("x", CultureInfo.InvariantCulture);
}
