namespace SevStack.Packaging.Tree;

public enum ElfKind { NotElf, Relocatable, Executable, SharedObject, Other }

/// <summary>Reads the ELF header's e_type, the only thing packaging needs to know about a binary.</summary>
public static class ElfHeader
{
    public static ElfKind Read(string path)
    {
        Span<byte> header = stackalloc byte[18];
        using var stream = File.OpenRead(path);
        if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
            return ElfKind.NotElf;
        if (header[0] != 0x7f || header[1] != (byte)'E' || header[2] != (byte)'L' || header[3] != (byte)'F')
            return ElfKind.NotElf;
        var littleEndian = header[5] == 1;
        var type = littleEndian ? header[16] | header[17] << 8 : header[17] | header[16] << 8;
        return type switch
        {
            1 => ElfKind.Relocatable,
            2 => ElfKind.Executable,
            3 => ElfKind.SharedObject,
            _ => ElfKind.Other,
        };
    }

    /// <summary>Linked programs and libraries: what dpkg-shlibdeps inspects and strip may strip.</summary>
    public static bool IsLinked(ElfKind kind) => kind is ElfKind.Executable or ElfKind.SharedObject;
}
