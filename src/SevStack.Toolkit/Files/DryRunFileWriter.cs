using SevStack.Toolkit.Processes;

namespace SevStack.Toolkit.Files;

/// <summary>The dry-run strategy for files: prints a diff of what would change, changes nothing.</summary>
public sealed class DryRunFileWriter(IBuildLog log) : IFileWriter
{
    public bool WriteAllText(string path, string content, UnixFileMode? mode = null)
    {
        var old = File.Exists(path) ? File.ReadAllText(path) : null;
        if (old == content)
            return false;
        log.Info(old is null ? $"would create {path}:" : $"would change {path}:");
        foreach (var line in LineDiff.Unified(old ?? "", content, old is null ? "/dev/null" : path, path))
            log.Info(line);
        return true;
    }

    public bool Delete(string path)
    {
        if (!File.Exists(path))
            return false;
        log.Info($"would delete {path}");
        return true;
    }
}
