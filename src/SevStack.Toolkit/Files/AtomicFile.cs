namespace SevStack.Toolkit.Files;

/// <summary>Writes files so that readers see the old or the new content, never half of it.</summary>
public static class AtomicFile
{
    /// <summary>
    /// Writes to a temporary name in the same folder, flushes, then renames over the target. A file that exists keeps
    /// its mode, owner and group unless <paramref name="mode"/> says otherwise; a new one gets <paramref name="mode"/>.
    /// </summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content, UnixFileMode? mode = null)
    {
        if (OperatingSystem.IsWindows())
            WriteAllBytes(path, content, status: null);
        else if (UnixFileStatus.Read(path) is { } existing)
            WriteAllBytes(path, content, mode is { } m ? existing with { Mode = m } : existing);
        else
            WriteAllBytes(path, content, status: null, modeOfNewFile: mode);
    }

    /// <summary>Writes <paramref name="content"/> with exactly <paramref name="status"/> (a restore puts back the original's).</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content, UnixFileStatus? status, UnixFileMode? modeOfNewFile = null)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }
            if (!OperatingSystem.IsWindows())
            {
                if (status is not null)
                    status.ApplyTo(temporary);
                else if (modeOfNewFile is { } m)
                    File.SetUnixFileMode(temporary, m);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }

    public static void WriteAllText(string path, string content, UnixFileMode? mode = null) =>
        WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(content), mode);

    /// <summary>Copies <paramref name="path"/> to <paramref name="backupPath"/> once, with its mode, owner and group; an existing backup is never overwritten.</summary>
    /// <returns>True when a backup was made now.</returns>
    public static bool BackupOnce(string path, string backupPath)
    {
        if (!File.Exists(path) || File.Exists(backupPath))
            return false;
        var temporary = backupPath + $".{Environment.ProcessId}.tmp";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(backupPath))!);
        File.Copy(path, temporary, overwrite: true);
        if (!OperatingSystem.IsWindows() && UnixFileStatus.Read(path) is { } status)
            status.ApplyTo(temporary);
        File.Move(temporary, backupPath);
        return true;
    }
}
