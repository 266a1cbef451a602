using System.Buffers.Binary;

namespace SevStack.Components.Smoke;

/// <summary>Tells a statically linked ELF executable from one that needs a dynamic loader (a PT_INTERP header).</summary>
public static class ElfLinkage
{
    const uint ProgramInterpreter = 3;

    /// <summary>Null when the file is not a 64-bit little-endian ELF file.</summary>
    public static bool? IsStaticallyLinked(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 64 || bytes[0] != 0x7F || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F' || bytes[4] != 2 || bytes[5] != 1)
            return null;
        var headerOffset = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(0x20));
        var headerSize = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(0x36));
        var headerCount = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(0x38));
        for (var i = 0; i < headerCount; i++)
        {
            var at = (long)headerOffset + (long)i * headerSize;
            if (at + 4 > bytes.Length)
                return null;
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)at)) == ProgramInterpreter)
                return false;
        }
        return true;
    }
}
