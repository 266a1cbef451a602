namespace SevStack.Measurement.Firmware;

/// <summary>
/// An OVMF image as QEMU maps it: the image ends at 4 GiB, so its first byte is at guest-physical
/// <c>4 GiB - length</c>. The footer table and SNP metadata are read once, at load.
/// </summary>
public sealed class OvmfImage
{
    public const ulong FourGiB = 0x1_0000_0000;

    OvmfImage(string source, byte[] data)
    {
        Source = source;
        Data = data;
        Footer = OvmfFooterTable.Parse(data, source);
        Metadata = SevMetadata.Parse(data, Footer, source);
    }

    /// <summary>Where the image came from, for messages.</summary>
    public string Source { get; }

    public ReadOnlyMemory<byte> Data { get; }

    public ulong Gpa => FourGiB - (ulong)Data.Length;

    public OvmfFooterTable Footer { get; }

    public IReadOnlyList<SevMetadataSection> Metadata { get; }

    /// <summary>Where SEV-ES/SNP application processors start, from the SEV-ES reset block; null when the image has none.</summary>
    public uint? ApResetAddress => Footer.ReadUInt32(FooterGuids.SevEsResetBlock);

    /// <summary>The area QEMU writes the SEV hashes table into; null when the image cannot measure a directly booted kernel.</summary>
    public SevHashTableArea? HashTableArea =>
        Footer.ReadUInt32(FooterGuids.SevHashTableArea) is { } baseAddress and not 0
        && Footer.ReadUInt32(FooterGuids.SevHashTableArea, sizeof(uint)) is { } size
            ? new SevHashTableArea(baseAddress, size)
            : null;

    public bool HasMetadataSection(SevMetadataSectionType type) => Metadata.Any(s => s.Type == type);

    public static OvmfImage Load(string path)
    {
        if (!File.Exists(path))
            throw new MeasurementException($"firmware image {path} does not exist: build OVMF first or pass the path of an OVMF.fd");
        var length = new FileInfo(path).Length;
        if (length == 0 || (ulong)length > FourGiB)
            throw new MeasurementException($"firmware image {path} is {length} bytes: an OVMF image is between 1 byte and 4 GiB");
        return new OvmfImage(path, File.ReadAllBytes(path));
    }

    public static OvmfImage FromBytes(byte[] data, string source) =>
        data.Length == 0
            ? throw new MeasurementException($"firmware image {source} is empty: pass an OVMF image")
            : new OvmfImage(source, data);
}

/// <summary>The guest-physical range reserved for the SEV hashes table (footer entry <see cref="FooterGuids.SevHashTableArea"/>).</summary>
public sealed record SevHashTableArea(uint Base, uint Size);
