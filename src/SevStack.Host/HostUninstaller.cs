using SevStack.Toolkit;
using SevStack.Toolkit.Files;
using SevStack.Toolkit.Processes;

namespace SevStack.Host;

/// <summary>UninstallHost: purges the packages InstallHost installed, restores the backups and removes the files that
/// InstallHost, ConfigureKata and ConfigureDocker recorded in the state file.</summary>
public sealed class HostUninstaller(TargetRoot root, ICommandRunner runner, IFileWriter writer, Privilege privilege, IBuildLog log, TimeSpan? packageLockWait = null)
{
    public async Task<HostOperationResult> UninstallAsync(CancellationToken cancellationToken = default)
    {
        using var stateLock = await HostStateLock.AcquireAsync(root, log, cancellationToken).ConfigureAwait(false);
        var record = HostStateStore.Load(root);
        if (record is null)
        {
            var nothing = $"{root} has no {HostChangeRecord.StatePath}, so InstallHost, ConfigureKata and ConfigureDocker changed nothing there; nothing to undo";
            log.Info(nothing);
            return new HostOperationResult(false, [], nothing);
        }
        var preflight = new Preflight(root, runner, privilege);
        await preflight.RootAccessAsync("UninstallHost", cancellationToken).ConfigureAwait(false);
        await preflight.WritableAsync(cancellationToken).ConfigureAwait(false);
        await preflight.PackageLockFreeAsync(log, packageLockWait ?? Preflight.DefaultPackageLockWait, cancellationToken).ConfigureAwait(false);

        var packageManager = new PackageManager(root, runner);
        var changes = new HostChanges(root, runner, writer, privilege, log, record);
        changes.CheckBackups();
        var applied = new List<string>();
        var step = "";
        try
        {
            step = "purge the packages InstallHost installed";
            var installed = await packageManager.PresentAsync(cancellationToken).ConfigureAwait(false);
            var ours = record.InstalledPackages.Select(p => p.Name)
                .Where(n => installed.ContainsKey(n) && !record.PreexistingPackages.Contains(n)).ToList();
            if (ours.Count > 0)
            {
                await packageManager.PurgeAsync(ours, cancellationToken).ConfigureAwait(false);
                applied.Add($"{step} ({string.Join(", ", ours)})");
            }

            step = "put back the folders the purge removed";
            if (!runner.IsDryRun && await PackagedDirectories.RestoreAsync(root, runner, record.KeptDirectories, cancellationToken).ConfigureAwait(false) is { Count: > 0 } folders)
                applied.Add($"{step} ({string.Join(", ", folders)})");

            step = "restore backups and remove created files";
            await changes.RestoreEverythingAsync(cancellationToken).ConfigureAwait(false);
            applied.Add(step);

            step = "update-grub";
            var grubTouched = record.CreatedFiles.Concat(record.ChangedFiles.Select(f => f.Path)).Contains(GrubSettings.DropInPath)
                || record.InstalledPackages.Any(p => p.Name.StartsWith("linux-image-", StringComparison.Ordinal));
            if (grubTouched && File.Exists(root.Map("/usr/sbin/update-grub")))
            {
                await runner.RunAsync(root.Command("update-grub"), cancellationToken).ConfigureAwait(false);
                applied.Add(step);
            }
        }
        catch (Exception e) when (HostChangeFailure.IsExpected(e))
        {
            throw new BuildException($"UninstallHost failed at step '{step}' in {root}: {HostInstaller.OneLine(e)}; "
                + (applied.Count == 0 ? "nothing was changed" : $"done before it: {string.Join(", ", applied)}")
                + $"; fix the cause and run UninstallHost again");
        }

        var next = root.IsLiveSystem
            ? "Reboot to return to the previous kernel (sudo reboot)"
            : $"{root} is back to how it was before InstallHost, ConfigureKata and ConfigureDocker changed it";
        if (runner.IsDryRun)
            next = "Dry run: nothing was changed. Without --dry-run: " + next;
        log.Info(next);
        return new HostOperationResult(applied.Count > 0, applied, next);
    }
}
