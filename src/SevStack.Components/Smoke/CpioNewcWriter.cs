using System.Globalization;
using System.Text;

namespace SevStack.Components.Smoke;

/// <summary>
/// Writes a cpio archive in the "newc" format the kernel unpacks as initramfs. Writing it here (rather than with
/// cpio) lets the archive hold a /dev/console device node without root and with fixed owners and times.
/// </summary>
public sealed class CpioNewcWriter
{
    const uint Directory = 0x4000, Regular = 0x8000, CharDevice = 0x2000, Symlink = 0xA000;

    readonly List<(string Name, uint Mode, uint RdevMajor, uint RdevMinor, byte[] Data)> entries = [];

    public CpioNewcWriter AddDirectory(string name, int permissions = 0x1ED) => Add(name, Directory | (uint)permissions, 0, 0, []);
    public CpioNewcWriter AddFile(string name, byte[] content, int permissions = 0x1A4) => Add(name, Regular | (uint)permissions, 0, 0, content);
    public CpioNewcWriter AddCharacterDevice(string name, uint major, uint minor, int permissions = 0x180) => Add(name, CharDevice | (uint)permissions, major, minor, []);
    public CpioNewcWriter AddSymlink(string name, string target) => Add(name, Symlink | 0x1FF, 0, 0, Encoding.UTF8.GetBytes(target));

    CpioNewcWriter Add(string name, uint mode, uint major, uint minor, byte[] data)
    {
        entries.Add((name.TrimStart('/'), mode, major, minor, data));
        return this;
    }

    /// <summary>Writes every entry, then the trailer. All entries are owned by root and dated <paramref name="modified"/>.</summary>
    public void WriteTo(Stream output, DateTimeOffset modified)
    {
        var mtime = (uint)Math.Max(0, modified.ToUnixTimeSeconds());
        uint inode = 300;
        foreach (var e in entries)
            WriteEntry(output, e.Name, inode++, e.Mode, e.Mode >> 12 == Directory >> 12 ? 2u : 1u, mtime, e.RdevMajor, e.RdevMinor, e.Data);
        WriteEntry(output, "TRAILER!!!", 0, 0, 1, 0, 0, 0, []);
    }

    static void WriteEntry(Stream output, string name, uint inode, uint mode, uint links, uint mtime, uint rdevMajor, uint rdevMinor, byte[] data)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name + "\0");
        var header = new StringBuilder("070701");
        foreach (var field in new[] { inode, mode, 0u, 0u, links, mtime, (uint)data.Length, 0u, 0u, rdevMajor, rdevMinor, (uint)nameBytes.Length, 0u })
            header.Append(field.ToString("X8", CultureInfo.InvariantCulture));
        var headerBytes = Encoding.ASCII.GetBytes(header.ToString());
        output.Write(headerBytes);
        output.Write(nameBytes);
        Pad(output, headerBytes.Length + nameBytes.Length);
        output.Write(data);
        Pad(output, data.Length);
    }

    static void Pad(Stream output, int length)
    {
        for (var i = length; i % 4 != 0; i++)
            output.WriteByte(0);
    }
}
