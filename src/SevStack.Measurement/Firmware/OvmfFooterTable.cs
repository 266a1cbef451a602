using System.Buffers.Binary;

namespace SevStack.Measurement.Firmware;

/// <summary>
/// The GUIDed table OVMF places just before the last 32 bytes of its image (the reset vector). Every entry is
/// <c>data, uint16 size, GUID</c> with <c>size</c> counting all three, so the table is read backwards from its footer entry.
/// An image without the footer GUID has an empty table (firmware built without SEV support).
/// </summary>
public sealed class OvmfFooterTable
{
    const int ResetVectorBytes = 32;
    const int EntryHeaderBytes = sizeof(ushort) + 16;

    readonly Dictionary<Guid, byte[]> entries;

    OvmfFooterTable(Dictionary<Guid, byte[]> entries) => this.entries = entries;

    public IReadOnlyCollection<Guid> Guids => entries.Keys;

    public static OvmfFooterTable Parse(ReadOnlySpan<byte> image, string source)
    {
        var entries = new Dictionary<Guid, byte[]>();
        var footerStart = image.Length - ResetVectorBytes - EntryHeaderBytes;
        if (footerStart < 0 || ReadGuid(image, footerStart) != FooterGuids.TableFooter)
            return new OvmfFooterTable(entries);

        var tableBytes = BinaryPrimitives.ReadUInt16LittleEndian(image[footerStart..]) - EntryHeaderBytes;
        if (tableBytes < 0 || tableBytes > footerStart)
            throw Malformed(source, $"its footer entry claims a table of {tableBytes} bytes");
        var table = image[(footerStart - tableBytes)..footerStart];
        while (table.Length >= EntryHeaderBytes)
        {
            var header = table.Length - EntryHeaderBytes;
            int size = BinaryPrimitives.ReadUInt16LittleEndian(table[header..]);
            if (size < EntryHeaderBytes || size > table.Length)
                throw Malformed(source, $"an entry {table.Length} bytes into the table claims {size} bytes");
            entries[ReadGuid(table, header)] = table[(table.Length - size)..header].ToArray();
            table = table[..^size];
        }
        return new OvmfFooterTable(entries);
    }

    public bool Contains(Guid guid) => entries.ContainsKey(guid);

    public ReadOnlySpan<byte> Data(Guid guid) =>
        entries.TryGetValue(guid, out var data) ? data : throw new KeyNotFoundException($"no footer table entry {guid}");

    /// <summary>The little-endian uint32 at <paramref name="offset"/> of the entry's data, or null when the entry is absent or too short.</summary>
    public uint? ReadUInt32(Guid guid, int offset = 0) =>
        entries.TryGetValue(guid, out var data) && data.Length >= offset + sizeof(uint)
            ? BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(offset))
            : null;

    static Guid ReadGuid(ReadOnlySpan<byte> bytes, int headerStart) => new(bytes.Slice(headerStart + sizeof(ushort), 16));

    static MeasurementException Malformed(string source, string detail) =>
        new($"{source}: the OVMF footer table is malformed ({detail}); use an OVMF image as edk2 built it");
}
