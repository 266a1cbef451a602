using SevStack.Toolkit;
using SevStack.Toolkit.Processes;
using SevStack.Host;
using SevStack.Host.Apt;

namespace SevStack.Docker;

/// <summary>
/// Installs Docker into a root that has none: runs a <see cref="DockerInstallPlan"/> through <see cref="AptInstaller"/>
/// (recorded for UninstallHost, purged again when a step fails) and records the folders its packages created that
/// ConfigureDocker writes into.
/// </summary>
public sealed class DockerInstaller(IBuildLog log)
{
    /// <summary>Installs Docker from <paramref name="source"/> unless the root has it already.</summary>
    /// <param name="mirrorUrl">--docker-repository: a mirror of Docker's repository (its key must still be Docker's).</param>
    /// <param name="repository">The repository and expected key outright (tests use their own); overrides <paramref name="mirrorUrl"/>.</param>
    public async Task<AptInstallOutcome> EnsureAsync(DockerPackageSource source, HostChanges changes, string? mirrorUrl = null,
        DockerRepository? repository = null, CancellationToken cancellationToken = default)
    {
        var before = await new PackageManager(changes.Root, changes.Runner).PresentAsync(cancellationToken).ConfigureAwait(false);
        if (InstalledDocker.Find(changes.Root, before) is { } installed)
        {
            log.Info($"docker already installed ({installed.What}) in {changes.Root}");
            return new AptInstallOutcome(false, $"docker already installed ({installed.What})", before);
        }
        if (source == DockerPackageSource.None)
            throw new BuildException($"--docker-package none, but {changes.Root} has no Docker (no {string.Join(" or ", InstalledDocker.DaemonPaths.Select(changes.Root.Map))}); install Docker there first, or pass --docker-package docker-ce or docker.io");

        var foldersBefore = FoldersConfigureDockerWrites.Where(f => Directory.Exists(changes.Root.Map(f))).ToList();
        var os = OsRelease.Read(changes.Root);
        repository ??= source == DockerPackageSource.DockerCe && mirrorUrl is not null ? DockerRepository.Official(os.Id, mirrorUrl) : null;
        var steps = DockerInstallPlan.For(source, os.Id, os.VersionCodename, repository, intoSysroot: !changes.Root.IsLiveSystem);
        var package = source == DockerPackageSource.DockerCe ? "docker-ce" : "docker.io";
        if (await new AptInstaller(log).InstallAsync(steps, before, changes, cancellationToken).ConfigureAwait(false) is not { } after)
            return new AptInstallOutcome(true, $"would install {package}", before);
        // The purge cannot remove a folder the packages created while our files are still in it; UninstallHost removes it once empty.
        foreach (var created in FoldersConfigureDockerWrites.Except(foldersBefore).Where(f => Directory.Exists(changes.Root.Map(f)) && !changes.Record.CreatedDirectories.Contains(f)))
            changes.Record.CreatedDirectories.Add(created);
        var version = after.TryGetValue(package, out var status) ? " " + status.Version : "";
        return new AptInstallOutcome(true, $"installed {package}{version}", before);
    }

    static readonly string[] FoldersConfigureDockerWrites = ["/etc/docker", "/etc/systemd/system/docker.service.d"];

    /// <summary>Purges the packages an install added (for a step after it that failed); the files roll back with the session.</summary>
    public Task UndoAsync(AptInstallOutcome outcome, HostChanges changes) => new AptInstaller(log).UndoAsync(outcome, changes);
}
