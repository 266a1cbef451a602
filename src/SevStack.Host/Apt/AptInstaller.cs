using SevStack.Toolkit;
using SevStack.Toolkit.Processes;

namespace SevStack.Host.Apt;

/// <summary>
/// Runs an <see cref="AptInstallPlan"/> in a root (through chroot for a sysroot), records the packages it added so that
/// UninstallHost purges them, and purges them again when a step fails. The files it writes (the apt source, the downloaded
/// key) go through <see cref="HostChanges"/>, so the session records them and rolls them back too.
/// </summary>
public sealed class AptInstaller(IBuildLog log)
{
    /// <summary>Runs the steps and records what they added; when one fails, purges what they added and rethrows.</summary>
    /// <param name="before">The packages present before, from <see cref="PackageManager.PresentAsync"/>.</param>
    /// <returns>The packages present afterwards, or null in a dry run.</returns>
    public async Task<IReadOnlyDictionary<string, PackageStatus>?> InstallAsync(IReadOnlyList<AptInstallStep> steps,
        IReadOnlyDictionary<string, PackageStatus> before, HostChanges changes, CancellationToken cancellationToken = default)
    {
        try
        {
            await RunAsync(steps, changes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (HostChangeFailure.IsExpected(e))
        {
            await UndoAsync(new AptInstallOutcome(true, "", before), changes).ConfigureAwait(false);
            throw;
        }
        if (changes.IsDryRun)
            return null;
        var after = await new PackageManager(changes.Root, changes.Runner).PresentAsync(cancellationToken).ConfigureAwait(false);
        changes.Record.AddInstalledPackages(before, after);
        return after;
    }

    /// <summary>Purges the packages an install added (for a step after it that failed); the files roll back with the session.</summary>
    public async Task UndoAsync(AptInstallOutcome outcome, HostChanges changes)
    {
        if (!outcome.Changed || changes.IsDryRun)
            return;
        var purged = await new PackageManager(changes.Root, changes.Runner).PurgeAddedSinceAsync(outcome.PackagesBefore, CancellationToken.None).ConfigureAwait(false);
        foreach (var name in purged)
            changes.Record.InstalledPackages.RemoveAll(p => p.Name == name);
        if (purged.Count > 0)
            log.Warning($"purged the packages this run had installed: {string.Join(", ", purged)}");
    }

    /// <summary>Runs the steps in order, without recording packages or undoing anything.</summary>
    public async Task RunAsync(IReadOnlyList<AptInstallStep> steps, HostChanges changes, CancellationToken cancellationToken = default)
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
