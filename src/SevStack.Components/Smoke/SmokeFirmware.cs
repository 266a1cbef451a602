namespace SevStack.Components.Smoke;

public enum SmokeFirmwareKind
{
    /// <summary>QEMU's default firmware (SeaBIOS) from <see cref="SmokeFirmware.SearchDirectories"/>: the kernel-alone boot.</summary>
    Default,
    /// <summary><c>-bios OVMF.fd</c>.</summary>
    Bios,
    /// <summary>OVMF_CODE read-only plus a private copy of OVMF_VARS as pflash drives.</summary>
    Pflash,
}

/// <summary>How the smoke VM gets its firmware.</summary>
public sealed record SmokeFirmware(SmokeFirmwareKind Kind, string? Image = null, string? VarsTemplate = null)
{
    /// <summary>
    /// <c>-L</c> folders. A QEMU built from Debian's DFSG source ships no firmware, so direct kernel boot
    /// needs SeaBIOS (package seabios) and linuxboot_dma.bin (package qemu-system-data).
    /// </summary>
    public IReadOnlyList<string> SearchDirectories { get; init; } = [];

    /// <summary>The firmware needs SMM (the host OVMF variant): q35 gets smm=on and a secure pflash.</summary>
    public bool RequiresSmm { get; init; }

    public static IReadOnlyList<string> DebianSeaBiosDirectories { get; } = ["/usr/share/seabios", "/usr/share/qemu"];

    public static SmokeFirmware KernelAlone(IReadOnlyList<string>? searchDirectories = null) =>
        new(SmokeFirmwareKind.Default) { SearchDirectories = searchDirectories ?? DebianSeaBiosDirectories };

    public static SmokeFirmware Ovmf(string combinedImage) => new(SmokeFirmwareKind.Bios, combinedImage);

    public static SmokeFirmware OvmfPflash(string code, string varsTemplate, bool requiresSmm = false) =>
        new(SmokeFirmwareKind.Pflash, code, varsTemplate) { RequiresSmm = requiresSmm };

    public override string ToString() => Kind switch
    {
        SmokeFirmwareKind.Default => "kernel alone (QEMU default firmware)",
        SmokeFirmwareKind.Bios => "-bios " + Image,
        _ => $"pflash {Image} + copy of {VarsTemplate}",
    };
}
