using System.Runtime.InteropServices;

namespace SevStack.Toolkit.Files;

/// <summary>A file's permission bits, owner and group: what a rewrite or a restore must keep.</summary>
public sealed record UnixFileStatus(UnixFileMode Mode, uint UserId, uint GroupId)
{
    /// <summary>The status of the file itself (a symbolic link is not followed), or null when nothing is there.</summary>
    public static UnixFileStatus? Read(string path)
    {
        Span<byte> buffer = stackalloc byte[256];
        if (Statx(AtCurrentDirectory, path, AtSymlinkNoFollow, StatxBasicStats, ref MemoryMarshal.GetReference(buffer)) != 0)
            return null;
        // struct statx: stx_uid at 20, stx_gid at 24, stx_mode (16 bits) at 28; the same on every architecture.
        var mode = (UnixFileMode)(BitConverter.ToUInt16(buffer[28..30]) & 0xfff);
        return new UnixFileStatus(mode, BitConverter.ToUInt32(buffer[20..24]), BitConverter.ToUInt32(buffer[24..28]));
    }

    /// <summary>Gives <paramref name="path"/> this owner, group and mode (the owner only when it differs, so a non-root run can apply its own).</summary>
    public void ApplyTo(string path)
    {
        if (Read(path) is { } current && (current.UserId != UserId || current.GroupId != GroupId) && Chown(path, UserId, GroupId) != 0)
            throw new IOException($"cannot give {path} the owner {UserId}:{GroupId} (errno {Marshal.GetLastPInvokeError()})");
        if (Chmod(path, (uint)Mode) != 0)
            throw new IOException($"cannot give {path} the mode {OctalMode} (errno {Marshal.GetLastPInvokeError()})");
    }

    /// <summary>The mode as <c>install -m</c> and <c>chmod</c> take it.</summary>
    public string OctalMode => Convert.ToString((int)Mode, 8);

    const int AtCurrentDirectory = -100;
    const int AtSymlinkNoFollow = 0x100;
    const uint StatxBasicStats = 0x7ff;

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    static extern int Statx(int directoryFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, ref byte buffer);

    [DllImport("libc", EntryPoint = "chmod", SetLastError = true)]
    static extern int Chmod([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);

    [DllImport("libc", EntryPoint = "chown", SetLastError = true)]
    static extern int Chown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint owner, uint group);
}
