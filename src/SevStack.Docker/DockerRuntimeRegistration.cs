using SevStack.Toolkit;
using SevStack.Toolkit.Processes;
using SevStack.Host;
using SevStack.Kata;

namespace SevStack.Docker;

/// <summary>
/// The ConfigureDocker step's runtime registration: first what the root's Docker and Kata must offer (Docker 23+ for a
/// shim v2 runtime, the 1.x runtime binary, Kata 3.x's shim linked onto containerd's PATH), then the daemon.json merge or
/// the seed's dockerd drop-in, written through <see cref="HostChanges"/> (backed up once, recorded for UninstallHost), a
/// refusal when both would set the default runtime or a default the user chose would be replaced, then a reload of a
/// running docker (never with a sysroot).
/// </summary>
public sealed class DockerRuntimeRegistration(IBuildLog log)
{
    /// <summary>What ConfigureDocker needs root for, for the preflight message.</summary>
    public const string NeedsRootFor = "installing Docker's packages, files under /etc/apt, /etc/docker, /etc/systemd and /usr/local/bin, and reloading docker";

    /// <summary>Refuses, before Docker is installed, a Docker that apt would install and that ignores the runtime's form.</summary>
    /// <param name="wouldInstall">The package ConfigureDocker installs when the root has no Docker.</param>
    public async Task RefuseUnsupportedDockerAsync(DockerRuntime runtime, DockerPackageSource wouldInstall, HostChanges changes, CancellationToken cancellationToken = default)
    {
        var docker = await DockerVersion.FindAsync(changes.Root, changes.Runner, cancellationToken).ConfigureAwait(false);
        if (docker is null && wouldInstall == DockerPackageSource.DockerIo && runtime.Generation == KataGeneration.V3)
            docker = await DockerVersion.CandidateAsync(changes.Root, changes.Runner, "docker.io", cancellationToken).ConfigureAwait(false);
        ThrowIf(DockerRuntimeSupport.Refusal(runtime.Generation, runtime.Name, docker, changes.Root, unknownIsRefusal: false));
    }

    /// <param name="kataInstalledFirst">A dry run in which InstallHost installs Kata before: its files are not there yet.</param>
    /// <returns>True when a file or link changed (or would change in a dry run).</returns>
    public async Task<bool> RegisterAsync(DockerRuntime runtime, DockerConfigMode mode, DefaultRuntimeChoice defaultRuntime, HostChanges changes,
        bool kataInstalledFirst = false, CancellationToken cancellationToken = default)
    {
        if (!(changes.IsDryRun && kataInstalledFirst))
            ThrowIf(DockerRuntimeSupport.MissingRuntimeBinary(runtime, changes.Root));
        if (runtime.Generation == KataGeneration.V3)
        {
            var docker = await DockerVersion.FindAsync(changes.Root, changes.Runner, cancellationToken).ConfigureAwait(false);
            ThrowIf(DockerRuntimeSupport.Refusal(runtime.Generation, runtime.Name, docker, changes.Root, unknownIsRefusal: !changes.IsDryRun));
            if (docker is not null)
                log.Info($"Docker {docker} honours runtimeType");
        }
        var (path, text) = mode == DockerConfigMode.DaemonJson
            ? (DaemonJson.Path, MergedDaemonJson(runtime, defaultRuntime, changes.Root))
            : (DockerdDropIn.Path, DropInText(runtime, defaultRuntime, changes.Root));
        var linked = runtime.Generation == KataGeneration.V3 && await KataShimLink.EnsureAsync(changes, kataInstalledFirst, cancellationToken).ConfigureAwait(false);
        if (text is null || !await changes.WriteAsync(path, text, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            log.Info($"{changes.Root.Map(path)} unchanged");
            return linked;
        }
        await new DockerService(changes.Runner, log).ApplyAsync(mode, changes.Root, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <returns>The merged file, or null when it already registers the runtime.</returns>
    string? MergedDaemonJson(DockerRuntime runtime, DefaultRuntimeChoice defaultRuntime, TargetRoot root)
    {
        var path = root.Map(DaemonJson.Path);
        var original = File.Exists(path) ? File.ReadAllText(path) : "";
        var daemon = DaemonJson.Parse(original, path);
        defaultRuntime.RefuseSilentReplacement(DaemonJson.DefaultRuntime(daemon), path, runtime.Name);
        var changes = DaemonJson.Merge(daemon, runtime, defaultRuntime != DefaultRuntimeChoice.Leave);
        ThrowIf(DefaultRuntimeConflict.Explain(daemon, DefaultRuntimeConflict.ReadDropIns(root)));
        if (changes.Count == 0)
            return null;
        foreach (var change in changes)
            log.Info("  " + change);
        return DaemonJsonText.Merge(original, daemon);
    }

    static string DropInText(DockerRuntime runtime, DefaultRuntimeChoice defaultRuntime, TargetRoot root)
    {
        var path = root.Map(DockerdDropIn.Path);
        var makeDefault = defaultRuntime != DefaultRuntimeChoice.Leave;
        string text;
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path);
            defaultRuntime.RefuseSilentReplacement(DockerdDropIn.DefaultRuntime(existing), path, runtime.Name);
            text = DockerdDropIn.Apply(existing, runtime, makeDefault);
        }
        else
            text = DockerdDropIn.New(runtime, makeDefault);
        var daemonPath = root.Map(DaemonJson.Path);
        if (File.Exists(daemonPath))
        {
            var daemon = DaemonJson.Parse(File.ReadAllText(daemonPath), daemonPath);
            ThrowIf(DefaultRuntimeConflict.Explain(daemon, DefaultRuntimeConflict.ReadDropIns(root, DockerdDropIn.Path, text)));
        }
        return text;
    }

    static void ThrowIf(string? refusal)
    {
        if (refusal is not null)
            throw new BuildException(refusal);
    }
}
