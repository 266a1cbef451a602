using SevStack.Engine.Files;
using SevStack.Engine.Processes;

namespace SevStack.Kata;

/// <summary>What a configuration step did to one file.</summary>
public sealed record FileChange(string Path, bool Changed, string? BackupPath)
{
    /// <summary>Writes <paramref name="content"/> unless the file already holds it; backs up an existing file once first.</summary>
    /// <param name="dryRun">Only say what would be written.</param>
    public static FileChange Write(IBuildLog log, string path, string content, string backupPath, bool dryRun = false, UnixFileMode? newFileMode = null)
    {
        if (File.Exists(path) && File.ReadAllText(path) == content)
        {
            log.Info($"{path} unchanged");
            return new FileChange(path, false, null);
        }
        if (dryRun)
        {
            log.Info($"would write {path}" + (File.Exists(path) ? $" (backing it up to {backupPath} first)" : ""));
            return new FileChange(path, true, null);
        }
        var backedUp = AtomicFile.BackupOnce(path, backupPath);
        if (backedUp)
            log.Info($"backed up {path} to {backupPath}");
        AtomicFile.WriteAllText(path, content, File.Exists(path) ? null : newFileMode);
        log.Info($"wrote {path}");
        return new FileChange(path, true, File.Exists(backupPath) ? backupPath : null);
    }
}
