using SevStack.Toolkit.Processes;

namespace SevStack.Toolkit.Files;

/// <summary>Writes for real, atomically, and leaves identical files untouched.</summary>
public sealed class FileWriter(IBuildLog log) : IFileWriter
{
    public bool WriteAllText(string path, string content, UnixFileMode? mode = null)
    {
        if (File.Exists(path) && File.ReadAllText(path) == content)
            return false;
        AtomicFile.WriteAllText(path, content, mode);
        log.Info($"wrote {path}");
        return true;
    }

    public bool Delete(string path)
    {
        if (!File.Exists(path))
            return false;
        File.Delete(path);
        log.Info($"deleted {path}");
        return true;
    }
}
