using System.Buffers.Binary;

namespace SevStack.Measurement.DirectBoot;

/// <summary>
/// QEMU's SEV hashes table (target/i386/sev.c, current layout): a header <c>GUID, uint16 length</c> followed by three
/// entries <c>GUID, uint16 length, SHA-256</c> in the order command line, initrd, kernel; all packed, the header's length
/// covering the whole table (168 bytes), each entry's its own 50, and the table zero-padded to a multiple of 16 (176 bytes).
/// </summary>
public static class SevHashTable
{
    static readonly Guid HeaderGuid = new("9438d606-4f22-4cc9-b479-a793d411fd21");

    /// <summary>The entries in QEMU's order, each with the hash it holds.</summary>
    static readonly (Guid Guid, Func<DirectBootHashes, byte[]> Hash)[] Entries =
    [
        (new("97d02dd8-bd20-4c94-aa78-e7714d36ab2a"), hashes => hashes.CommandLine),
        (new("44baf731-3a2f-4bd7-9af1-41e29169781d"), hashes => hashes.Initrd),
        (new("4de79437-abd2-427f-b835-d5b172d2045b"), hashes => hashes.Kernel),
    ];

    const int GuidBytes = 16;
    const int HashBytes = 32;
    const int EntryBytes = GuidBytes + sizeof(ushort) + HashBytes;
    static int TableBytes => GuidBytes + sizeof(ushort) + Entries.Length * EntryBytes;

    /// <summary>The table as QEMU writes it, padding included.</summary>
    public static int PaddedLength => (TableBytes + 15) & ~15;

    public static byte[] Build(DirectBootHashes hashes)
    {
        var table = new byte[PaddedLength];
        var at = WriteHeader(table, 0, HeaderGuid, TableBytes);
        foreach (var (guid, hash) in Entries)
            at = WriteEntry(table, at, guid, hash(hashes));
        return table;
    }

    /// <summary>The firmware range <paramref name="size"/> bytes long with the table <paramref name="offset"/> bytes in, zeros elsewhere (the SNP kernel-hashes page).</summary>
    public static byte[] BuildRange(DirectBootHashes hashes, int offset, int size)
    {
        if (offset < 0 || offset + PaddedLength > size)
            throw new MeasurementException($"the SEV hashes table ({PaddedLength} bytes) does not fit at offset 0x{offset:x} of its {size}-byte range: the firmware's footer table and SNP metadata disagree");
        var range = new byte[size];
        Build(hashes).CopyTo(range, offset);
        return range;
    }

    static int WriteHeader(Span<byte> table, int at, Guid guid, int length)
    {
        guid.TryWriteBytes(table[at..]);
        BinaryPrimitives.WriteUInt16LittleEndian(table[(at + GuidBytes)..], (ushort)length);
        return at + GuidBytes + sizeof(ushort);
    }

    static int WriteEntry(Span<byte> table, int at, Guid guid, byte[] hash)
    {
        if (hash.Length != HashBytes)
            throw new ArgumentException($"a SEV hashes table entry holds a {HashBytes}-byte SHA-256, not {hash.Length} bytes", nameof(hash));
        at = WriteHeader(table, at, guid, EntryBytes);
        hash.CopyTo(table[at..]);
        return at + HashBytes;
    }
}
