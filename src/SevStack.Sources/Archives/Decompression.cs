using System.IO.Compression;
using SharpCompress.Compressors.BZip2;
using SharpCompress.Compressors.Xz;
using SharpCompress.Compressors.ZStandard;
using SevStack.Toolkit;

namespace SevStack.Sources.Archives;

/// <summary>Picks the decompressor from the first bytes of a file (the name may lie).</summary>
internal static class Decompression
{
    /// <summary>Exceptions that mean the archive's bytes are bad; SharpCompress reports a cut-off xz header as an argument out of range.</summary>
    public static bool IsDamage(Exception e) =>
        e is InvalidDataException or FormatException or EndOfStreamException or NotSupportedException or ArgumentOutOfRangeException;

    public static Stream Open(Stream input, string nameForMessages)
    {
        var buffered = new BufferedStream(input, 1 << 16);
        Span<byte> magic = stackalloc byte[6];
        var read = buffered.Read(magic);
        buffered.Position = 0;
        magic = magic[..read];
        if (magic.StartsWith((ReadOnlySpan<byte>)[0x1f, 0x8b]))
            return new GZipStream(buffered, CompressionMode.Decompress);
        if (magic.StartsWith((ReadOnlySpan<byte>)[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))
            return new XZStream(buffered);
        if (magic.StartsWith("BZh"u8))
            return BZip2Stream.Create(buffered, SharpCompress.Compressors.CompressionMode.Decompress, decompressConcatenated: true, leaveOpen: false);
        if (magic.StartsWith((ReadOnlySpan<byte>)[0x28, 0xb5, 0x2f, 0xfd]))
            return new DecompressionStream(buffered, leaveOpen: false);
        if (read == 0)
            throw new BuildException($"archive {nameForMessages} is empty; delete it and download it again");
        return buffered;
    }
}
