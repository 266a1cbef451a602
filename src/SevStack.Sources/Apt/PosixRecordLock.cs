using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace SevStack.Sources.Apt;

/// <summary>
/// Asks the kernel (<c>fcntl F_GETLK</c>) which process holds a POSIX record lock on a file, the kind apt and dpkg
/// lock their lock files with; flock-based locks such as <see cref="SevStack.Engine.Caching.FileLock"/> cannot see those.
/// </summary>
internal static class PosixRecordLock
{
    const int GetLock = 5; // F_GETLK on Linux x86-64 and arm64
    const short WriteLock = 1, Unlocked = 2;

    [StructLayout(LayoutKind.Sequential)]
    struct RecordLock
    {
        public short Type;
        public short Whence;
        public long Start;
        public long Length;
        public int Pid;
    }

    [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    static extern int Fcntl(int descriptor, int command, ref RecordLock recordLock);

    /// <summary>The process holding a lock on the whole of <paramref name="path"/>, or null when none does or it cannot be asked (no file, no permission).</summary>
    public static int? Holder(string path)
    {
        if (!OperatingSystem.IsLinux())
            return null;
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        using (handle)
        {
            var query = new RecordLock { Type = WriteLock };
            var descriptor = (int)handle.DangerousGetHandle();
            if (Fcntl(descriptor, GetLock, ref query) != 0 || query.Type == Unlocked)
                return null;
            return query.Pid;
        }
    }

    /// <summary>The command name of a process (<c>/proc/&lt;pid&gt;/comm</c>), or "?" when it is gone.</summary>
    public static string ProcessName(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/comm").Trim(); }
        catch (IOException) { return "?"; }
        catch (UnauthorizedAccessException) { return "?"; }
    }
}
