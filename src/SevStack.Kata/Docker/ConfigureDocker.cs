using SevStack.Engine;
using SevStack.Engine.Processes;
using SevStack.Host;

namespace SevStack.Kata.Docker;

/// <summary>
/// The ConfigureDocker step's runtime registration: daemon.json merge or the seed's dockerd drop-in, written through
/// <see cref="HostChanges"/> (backed up once, recorded for UninstallHost), a refusal when both would set the default
/// runtime, then a reload of a running docker (never with a sysroot).
/// </summary>
public sealed class ConfigureDocker(IBuildLog log)
{
    /// <summary>What ConfigureDocker needs root for, for the preflight message.</summary>
    public const string NeedsRootFor = "installing Docker's packages, files under /etc/apt, /etc/docker and /etc/systemd, and reloading docker";

    /// <returns>True when the file changed (or would change in a dry run).</returns>
    public async Task<bool> RegisterAsync(DockerRuntime runtime, DockerConfigMode mode, bool makeDefault, HostChanges changes,
        CancellationToken cancellationToken = default)
    {
        var (path, text) = mode == DockerConfigMode.DaemonJson
            ? (DaemonJson.Path, MergedDaemonJson(runtime, makeDefault, changes.Root))
            : (DockerdDropIn.Path, DropInText(runtime, makeDefault, changes.Root));
        if (text is null || !await changes.WriteAsync(path, text, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            log.Info($"{changes.Root.Map(path)} unchanged");
            return false;
        }
        await new DockerService(changes.Runner, log).ApplyAsync(mode, changes.Root, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <returns>The merged file, or null when it already registers the runtime.</returns>
    string? MergedDaemonJson(DockerRuntime runtime, bool makeDefault, TargetRoot root)
    {
        var path = root.Map(DaemonJson.Path);
        var daemon = DaemonJson.Parse(File.Exists(path) ? File.ReadAllText(path) : "", path);
        var changes = DaemonJson.Merge(daemon, runtime, makeDefault);
        ThrowOnConflict(DefaultRuntimeConflict.Explain(daemon, DefaultRuntimeConflict.ReadDropIns(root)));
        if (changes.Count == 0)
            return null;
        foreach (var change in changes)
            log.Info("  " + change);
        return DaemonJson.Serialize(daemon);
    }

    static string DropInText(DockerRuntime runtime, bool makeDefault, TargetRoot root)
    {
        var path = root.Map(DockerdDropIn.Path);
        var text = File.Exists(path)
            ? DockerdDropIn.Apply(File.ReadAllText(path), runtime, makeDefault)
            : DockerdDropIn.New(runtime, makeDefault);
        var daemonPath = root.Map(DaemonJson.Path);
        if (File.Exists(daemonPath))
        {
            var daemon = DaemonJson.Parse(File.ReadAllText(daemonPath), daemonPath);
            ThrowOnConflict(DefaultRuntimeConflict.Explain(daemon, DefaultRuntimeConflict.ReadDropIns(root, DockerdDropIn.Path, text)));
        }
        return text;
    }

    static void ThrowOnConflict(string? explanation)
    {
        if (explanation is not null)
            throw new BuildException(explanation);
    }
}
