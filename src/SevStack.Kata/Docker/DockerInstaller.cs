using SevStack.Engine;
using SevStack.Engine.Processes;
using SevStack.Host;

namespace SevStack.Kata.Docker;

/// <summary>
/// Installs Docker into a root that has none: runs a <see cref="DockerInstallPlan"/> (through chroot for a sysroot), records
/// the packages it added so that UninstallHost purges them, and purges them again when a step fails. The files it writes
/// (the apt source, the downloaded key) go through <see cref="HostChanges"/>, so they are recorded and rolled back too.
/// </summary>
public sealed class DockerInstaller(IBuildLog log)
{
    /// <summary>Installs Docker from <paramref name="source"/> unless the root has it already.</summary>
    /// <param name="mirrorUrl">--docker-repository: a mirror of Docker's repository (its key must still be Docker's).</param>
    /// <param name="repository">The repository and expected key outright (tests use their own); overrides <paramref name="mirrorUrl"/>.</param>
    public async Task<DockerInstallOutcome> EnsureAsync(DockerPackageSource source, HostChanges changes, string? mirrorUrl = null,
        DockerRepository? repository = null, CancellationToken cancellationToken = default)
    {
        var packageManager = new PackageManager(changes.Root, changes.Runner);
        var before = await packageManager.PresentAsync(cancellationToken).ConfigureAwait(false);
        if (InstalledDocker.Find(changes.Root, before) is { } installed)
        {
            log.Info($"docker already installed ({installed.What}) in {changes.Root}");
            return new DockerInstallOutcome(false, $"docker already installed ({installed.What})", before);
        }
        if (source == DockerPackageSource.None)
            throw new BuildException($"--docker-package none, but {changes.Root} has no Docker (no {string.Join(" or ", InstalledDocker.DaemonPaths.Select(changes.Root.Map))}); install Docker there first, or pass --docker-package docker-ce or docker.io");

        var foldersBefore = FoldersConfigureDockerWrites.Where(f => Directory.Exists(changes.Root.Map(f))).ToList();
        var os = OsRelease.Read(changes.Root);
        repository ??= source == DockerPackageSource.DockerCe && mirrorUrl is not null ? DockerRepository.Official(os.Id, mirrorUrl) : null;
        var steps = DockerInstallPlan.For(source, os.Id, os.VersionCodename, repository, intoSysroot: !changes.Root.IsLiveSystem);
        try
        {
            await RunAsync(steps, changes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is BuildException or CommandFailedException or ToolNotFoundException or IOException)
        {
            await UndoAsync(new DockerInstallOutcome(true, "", before), changes).ConfigureAwait(false);
            throw;
        }
        var package = source == DockerPackageSource.DockerCe ? "docker-ce" : "docker.io";
        if (changes.IsDryRun)
            return new DockerInstallOutcome(true, $"would install {package}", before);
        var after = await packageManager.PresentAsync(cancellationToken).ConfigureAwait(false);
        changes.Record.AddInstalledPackages(before, after);
        // The purge cannot remove a folder the packages created while our files are still in it; UninstallHost removes it once empty.
        foreach (var created in FoldersConfigureDockerWrites.Except(foldersBefore).Where(f => Directory.Exists(changes.Root.Map(f)) && !changes.Record.CreatedDirectories.Contains(f)))
            changes.Record.CreatedDirectories.Add(created);
        var version = after.TryGetValue(package, out var status) ? " " + status.Version : "";
        return new DockerInstallOutcome(true, $"installed {package}{version}", before);
    }

    static readonly string[] FoldersConfigureDockerWrites = ["/etc/docker", "/etc/systemd/system/docker.service.d"];

    /// <summary>Purges the packages an install added (for a step after it that failed); the files roll back with the session.</summary>
    public async Task UndoAsync(DockerInstallOutcome outcome, HostChanges changes)
    {
        if (!outcome.Changed || changes.IsDryRun)
            return;
        var purged = await new PackageManager(changes.Root, changes.Runner).PurgeAddedSinceAsync(outcome.PackagesBefore, CancellationToken.None).ConfigureAwait(false);
        foreach (var name in purged)
            changes.Record.InstalledPackages.RemoveAll(p => p.Name == name);
        if (purged.Count > 0)
            log.Warning($"purged the packages this run had installed: {string.Join(", ", purged)}");
    }

    public async Task RunAsync(IReadOnlyList<DockerInstallStep> steps, HostChanges changes, CancellationToken cancellationToken = default)
    {
        foreach (var step in steps)
        {
            switch (step)
            {
                case RunCommandStep { Command: var command }:
                    foreach (var written in FilesWrittenBy(command))
                        await changes.BeforeChangeAsync(written, cancellationToken).ConfigureAwait(false);
                    await changes.Runner.RunAsync(InRoot(command, changes.Root), cancellationToken).ConfigureAwait(false);
                    break;
                case WriteFileStep write:
                    await changes.WriteAsync(write.Path, write.Content, cancellationToken: cancellationToken).ConfigureAwait(false);
                    break;
                case VerifyKeyStep verify:
                    await VerifyAsync(verify, changes, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }

    async Task VerifyAsync(VerifyKeyStep step, HostChanges changes, CancellationToken cancellationToken)
    {
        var keyFile = changes.Root.Map(step.KeyPath);
        if (changes.IsDryRun && !File.Exists(keyFile))
        {
            log.Info($"would check that {keyFile} has fingerprint {step.Fingerprint}");
            return;
        }
        var shown = await changes.Runner.RunAsync(new CommandSpec("gpg", "--show-keys", "--with-colons", keyFile) { IsQuery = true }, cancellationToken).ConfigureAwait(false);
        if (GpgKeyFingerprint.Check(shown.StandardOutput, step.Fingerprint, keyFile) is { } problem)
            throw new BuildException(problem);
        log.Info($"{keyFile}: fingerprint {step.Fingerprint} verified");
    }

    /// <summary>curl's output file (-o), as on the configured system.</summary>
    static IEnumerable<string> FilesWrittenBy(CommandSpec command)
    {
        if (command.Program != "curl") yield break;
        var output = command.Arguments.ToList().IndexOf("-o");
        if (output >= 0 && output + 1 < command.Arguments.Count)
            yield return command.Arguments[output + 1];
    }

    static CommandSpec InRoot(CommandSpec command, TargetRoot root)
    {
        if (root.IsLiveSystem)
            return command;
        // curl writes the key from outside the root; everything else is a package operation inside it.
        if (command.Program == "curl")
            return command with { Arguments = command.Arguments.Select(a => a.StartsWith('/') ? root.Map(a) : a).ToList() };
        return command with { Program = "chroot", Arguments = [root.Path, command.Program, .. command.Arguments] };
    }
}
