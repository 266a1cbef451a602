using System.Buffers.Binary;

namespace SevStack.Measurement.Firmware;

/// <summary>
/// OVMF's SNP metadata: <c>"ASEV", uint32 size, uint32 version (1), uint32 count</c>, then <c>count</c> sections of
/// <c>uint32 gpa, uint32 size, uint32 type</c>. The footer entry <see cref="FooterGuids.SevMetadata"/> gives its offset back from the image's end.
/// </summary>
public static class SevMetadata
{
    const int HeaderBytes = 16;
    const int SectionBytes = 12;

    /// <summary>The sections in firmware order, or an empty list when the image has no metadata entry.</summary>
    public static IReadOnlyList<SevMetadataSection> Parse(ReadOnlySpan<byte> image, OvmfFooterTable footer, string source)
    {
        if (footer.ReadUInt32(FooterGuids.SevMetadata) is not { } offsetFromEnd)
            return [];
        if (offsetFromEnd < HeaderBytes || offsetFromEnd > image.Length)
            throw Malformed(source, $"its offset 0x{offsetFromEnd:x} lies outside the {image.Length}-byte image");
        var metadata = image[(image.Length - (int)offsetFromEnd)..];
        if (!metadata[..4].SequenceEqual("ASEV"u8))
            throw Malformed(source, "the signature is not ASEV");
        var size = BinaryPrimitives.ReadUInt32LittleEndian(metadata[4..]);
        var version = BinaryPrimitives.ReadUInt32LittleEndian(metadata[8..]);
        var count = BinaryPrimitives.ReadUInt32LittleEndian(metadata[12..]);
        if (version != 1)
            throw Malformed(source, $"version {version}, only version 1 is known");
        if (size > metadata.Length || HeaderBytes + (long)count * SectionBytes > size)
            throw Malformed(source, $"{count} sections do not fit its {size} bytes");

        var sections = new List<SevMetadataSection>((int)count);
        for (var i = 0; i < count; i++)
        {
            var entry = metadata[(HeaderBytes + i * SectionBytes)..];
            var type = BinaryPrimitives.ReadUInt32LittleEndian(entry[8..]);
            if (!Enum.IsDefined((SevMetadataSectionType)type))
                throw Malformed(source, $"section {i} has unknown type 0x{type:x}");
            sections.Add(new SevMetadataSection(
                BinaryPrimitives.ReadUInt32LittleEndian(entry),
                BinaryPrimitives.ReadUInt32LittleEndian(entry[4..]),
                (SevMetadataSectionType)type));
        }
        return sections;
    }

    static MeasurementException Malformed(string source, string detail) =>
        new($"{source}: the OVMF SEV metadata is malformed ({detail}); use an OVMF image as edk2 built it");
}
