namespace SevStack.Measurement.Firmware;

/// <summary>
/// The GUIDs of the OVMF footer table entries SevStack reads (the measurement, and OVMF's build checking its output) (edk2 OvmfPkg/ResetVector, QEMU
/// hw/i386/pc_sysfw_ovmf.c and target/i386/sev.c). On disk a GUID is in EFI layout, which is what
/// <see cref="Guid.ToByteArray()"/> and <see cref="Guid(ReadOnlySpan{byte})"/> use.
/// </summary>
public static class FooterGuids
{
    /// <summary>Closes the table: the entry that ends 32 bytes before the image's end and whose size covers the whole table.</summary>
    public static readonly Guid TableFooter = new("96b582de-1fb2-45f7-baea-a366c55a082d");

    /// <summary>Data: uint32 base, uint32 size of the area a guest owner's injected launch secret goes to (AmdSev builds).</summary>
    public static readonly Guid SevSecret = new("4c2eb361-7d9b-4cc3-8081-127c90d3d294");

    /// <summary>Data: uint32 base, uint32 size of the area QEMU writes the SEV hashes table into.</summary>
    public static readonly Guid SevHashTableArea = new("7255371f-3a3b-4b04-927b-1da6efa8d454");

    /// <summary>Data: uint32 address where SEV-ES/SNP application processors start (the AP reset vector).</summary>
    public static readonly Guid SevEsResetBlock = new("00f771de-1a7e-4fcb-890e-68c77e2fb44e");

    /// <summary>Data: uint32 offset, counted back from the image's end, of the "ASEV" SNP metadata.</summary>
    public static readonly Guid SevMetadata = new("dc886566-984a-4798-a75e-5585a7bf67cc");
}
