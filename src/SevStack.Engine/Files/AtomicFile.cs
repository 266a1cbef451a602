namespace SevStack.Engine.Files;

/// <summary>Writes files so that readers see the old or the new content, never half of it.</summary>
public static class AtomicFile
{
    /// <summary>Writes to a temporary name in the same folder, flushes, then renames over the target.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content, UnixFileMode? mode = null)
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
            var finalMode = mode ?? (File.Exists(path) && !OperatingSystem.IsWindows() ? File.GetUnixFileMode(path) : null);
            if (finalMode is { } m && !OperatingSystem.IsWindows())
                File.SetUnixFileMode(temporary, m);
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

    /// <summary>Copies <paramref name="path"/> to <paramref name="backupPath"/> once; an existing backup is never overwritten.</summary>
    /// <returns>True when a backup was made now.</returns>
    public static bool BackupOnce(string path, string backupPath)
    {
        if (!File.Exists(path) || File.Exists(backupPath))
            return false;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(backupPath))!);
        File.Copy(path, backupPath + ".tmp", overwrite: true);
        File.Move(backupPath + ".tmp", backupPath);
        return true;
    }
}
