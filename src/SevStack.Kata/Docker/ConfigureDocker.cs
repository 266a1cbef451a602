using SevStack.Engine;
using SevStack.Engine.Processes;

namespace SevStack.Kata.Docker;

/// <summary>
/// The ConfigureDocker step's runtime registration: daemon.json merge or the seed's dockerd drop-in, a backup first,
/// a refusal when both would set the default runtime, then a reload of a running docker (never with a sysroot).
/// </summary>
public sealed class ConfigureDocker(ICommandRunner runner, IBuildLog log)
{
    public const string BackupSuffix = ".sevstack-orig";
    const UnixFileMode NewFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <param name="root">"/" for this machine, or a sysroot folder standing for it.</param>
    public async Task<FileChange> RegisterAsync(DockerRuntime runtime, DockerConfigMode mode, bool makeDefault, string root = "/",
        CancellationToken cancellationToken = default)
    {
        var change = mode == DockerConfigMode.DaemonJson
            ? RegisterInDaemonJson(runtime, makeDefault, root)
            : RegisterInDropIn(runtime, makeDefault, root);
        if (change.Changed)
            await new DockerService(runner, log).ApplyAsync(mode, root, cancellationToken);
        return change;
    }

    FileChange RegisterInDaemonJson(DockerRuntime runtime, bool makeDefault, string root)
    {
        var path = SysRoot.Map(root, DaemonJson.Path);
        var daemon = DaemonJson.Parse(File.Exists(path) ? File.ReadAllText(path) : "", path);
        var changes = DaemonJson.Merge(daemon, runtime, makeDefault);
        ThrowOnConflict(DefaultRuntimeConflict.Explain(daemon, DefaultRuntimeConflict.ReadDropIns(root)));
        if (changes.Count == 0)
        {
            log.Info($"{path} unchanged");
            return new FileChange(path, false, null);
        }
        foreach (var change in changes)
            log.Info("  " + change);
        return FileChange.Write(log, path, DaemonJson.Serialize(daemon), path + BackupSuffix, runner.IsDryRun, NewFileMode);
    }

    FileChange RegisterInDropIn(DockerRuntime runtime, bool makeDefault, string root)
    {
        var path = SysRoot.Map(root, DockerdDropIn.Path);
        var text = File.Exists(path)
            ? DockerdDropIn.Apply(File.ReadAllText(path), runtime, makeDefault)
            : DockerdDropIn.New(runtime, makeDefault);
        var daemonPath = SysRoot.Map(root, DaemonJson.Path);
        if (File.Exists(daemonPath))
        {
            var daemon = DaemonJson.Parse(File.ReadAllText(daemonPath), daemonPath);
            ThrowOnConflict(DefaultRuntimeConflict.Explain(daemon, DefaultRuntimeConflict.ReadDropIns(root, DockerdDropIn.Path, text)));
        }
        return FileChange.Write(log, path, text, path + BackupSuffix, runner.IsDryRun, NewFileMode);
    }

    static void ThrowOnConflict(string? explanation)
    {
        if (explanation is not null)
            throw new BuildException(explanation);
    }
}
