using SevStack.Toolkit;
using SevStack.Toolkit.Files;
using SevStack.Toolkit.Processes;

namespace SevStack.Host;

/// <summary>InstallHost: checks first, then installs the packages and writes the SEV host settings, rolling back on failure.</summary>
public sealed class HostInstaller(TargetRoot root, ICommandRunner runner, IFileWriter writer, Privilege privilege, IBuildLog log, TimeSpan? packageLockWait = null)
{
    const string RepositoryCopyInSysroot = "/var/tmp/sevstack-local-repo";

    public async Task<HostOperationResult> InstallAsync(InstallHostRequest request, CancellationToken cancellationToken = default)
    {
        if ((request.RepositoryFolder is null) == (request.DebsFolder is null))
            throw new BuildException("InstallHost needs the packages from exactly one place: the repository of PackageDebs (artifacts/apt) or --debs DIR");
        if (request.PackageNames.Count == 0)
            throw new BuildException("InstallHost was given no package names; name the packages to install (the profile lists them)");

        var preflight = new Preflight(root, runner, privilege);
        await preflight.RootAccessAsync("InstallHost", cancellationToken).ConfigureAwait(false);
        preflight.Distribution();
        await preflight.WritableAsync(cancellationToken).ConfigureAwait(false);
        await preflight.PackageLockFreeAsync(log, packageLockWait ?? Preflight.DefaultPackageLockWait, cancellationToken).ConfigureAwait(false);
        using var stateLock = await HostStateLock.AcquireAsync(root, log, cancellationToken).ConfigureAwait(false);

        using var temporaryRepository = request.DebsFolder is null ? null : new TemporaryFolder("sevstack-debs-repo");
        var repository = temporaryRepository is null
            ? LocalRepository.OpenOrPlan(request.RepositoryFolder!, runner, request.PlannedPackages)
            : await LocalRepository.FromDebsAsync(request.DebsFolder!, temporaryRepository.Path, runner, cancellationToken).ConfigureAwait(false);
        var packages = await repository.ResolveAsync(request.PackageNames.Distinct(), runner, cancellationToken).ConfigureAwait(false);
        if (!repository.IsPlanned)
            preflight.Installable(packages, repository.Packages);
        var packageManager = new PackageManager(root, runner);
        var installedBefore = await packageManager.PresentAsync(cancellationToken).ConfigureAwait(false);
        var toInstall = packages.Where(p => installedBefore.GetValueOrDefault(p.Name) is not { IsFullyInstalled: true } status || status.Version != p.Version).ToList();
        await preflight.FreeSpaceAsync(toInstall.Sum(p => p.Size), cancellationToken).ConfigureAwait(false);
        var grubDropIn = GrubSettings.DropIn(request.GrubDefault, request.KernelCommandLine);
        var kernelRelease = request.KernelRelease ?? KernelReleaseOf(request.PackageNames);
        var grubInstalled = File.Exists(root.Map("/usr/sbin/update-grub")) && File.Exists(root.Map("/usr/sbin/grub-set-default"));

        var record = HostStateStore.Load(root) ?? new HostChangeRecord();
        var changes = new HostChanges(root, runner, writer, privilege, log, record);
        var applied = new List<string>();
        var step = "";
        // Package hooks (/etc/kernel/postinst.d/zz-update-grub) regenerate grub.cfg too; rollback regenerates it once more.
        var grubRegenerated = false;
        try
        {
            step = "install packages";
            if (toInstall.Count > 0)
            {
                var debs = repository.IsPlanned ? [] : toInstall.Select(repository.PathOf);
                foreach (var folder in await PackagedDirectories.ExistingAsync(root, runner, debs, cancellationToken).ConfigureAwait(false))
                    if (record.KeptDirectories.All(k => k.Path != folder.Path))
                        record.KeptDirectories.Add(folder);
                grubRegenerated = grubInstalled;
                foreach (var hookOutput in PackageHookOutputs.Of(root))
                    await changes.BeforeChangeAsync(hookOutput, cancellationToken).ConfigureAwait(false);
                await InstallPackagesAsync(changes, packageManager, repository, toInstall, request.SignedBy, cancellationToken).ConfigureAwait(false);
                applied.Add($"{step} ({string.Join(", ", toInstall.Select(p => $"{p.Name} {p.Version}"))})");
            }
            else
                log.Info($"packages already installed: {string.Join(", ", packages.Select(p => $"{p.Name} {p.Version}"))}");
            var installedAfter = await packageManager.PresentAsync(cancellationToken).ConfigureAwait(false);
            RecordPackages(record, packages, installedBefore, installedAfter);

            step = "write the kvm_amd options";
            if (await changes.WriteAsync(KvmAmdOptions.ConfigPath, request.KvmAmd.FileContent(), cancellationToken: cancellationToken).ConfigureAwait(false))
                applied.Add($"{step} ({KvmAmdOptions.ConfigPath})");

            var grubSettingsChanged = false;
            if (!grubInstalled)
                log.Warning($"GRUB is not installed in {root} (no update-grub/grub-set-default); the boot default and kernel command line were not set, choose the kernel at boot");
            else
            {
                step = "write the GRUB settings";
                if (grubDropIn is not null && await changes.WriteAsync(GrubSettings.DropInPath, grubDropIn, cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    grubSettingsChanged = true;
                    applied.Add($"{step} ({GrubSettings.DropInPath})");
                }
                step = "update-grub";
                if (grubSettingsChanged || toInstall.Count > 0)
                {
                    grubRegenerated = true;
                    await runner.RunAsync(root.Command("update-grub"), cancellationToken).ConfigureAwait(false);
                    applied.Add(step);
                }
                step = "set the boot default";
                if (await SetBootDefaultAsync(changes, request.GrubDefault, kernelRelease, cancellationToken).ConfigureAwait(false))
                    applied.Add(step);
            }

            step = "record the changes";
            if (applied.Count > 0)
                await HostStateStore.SaveAsync(changes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (HostChangeFailure.IsExpected(e))
        {
            var rolledBack = await RollBackAsync(changes, packageManager, installedBefore, grubRegenerated, cancellationToken).ConfigureAwait(false);
            throw new BuildException($"InstallHost failed at step '{step}' in {root}: {OneLine(e)}; {rolledBack}");
        }

        var next = applied.Count == 0
            ? $"{root} already has everything InstallHost sets up; nothing changed. Verify the host with ./build.sh CheckHost"
            : root.IsLiveSystem
                ? $"Reboot to start {(kernelRelease is null ? "the new kernel" : $"kernel {kernelRelease}")} (sudo reboot), then verify the host with ./build.sh CheckHost"
                : $"{root} is ready; boot it, then verify the host with ./build.sh CheckHost";
        if (runner.IsDryRun)
            next = "Dry run: nothing was changed. Without --dry-run: " + next;
        log.Info(next);
        return new HostOperationResult(applied.Count > 0, applied, next);
    }

    async Task InstallPackagesAsync(HostChanges changes, PackageManager packageManager, LocalRepository repository,
        IReadOnlyList<RepositoryPackage> packages, string? signedBy, CancellationToken cancellationToken)
    {
        var repositoryInRoot = root.IsLiveSystem ? repository.Folder : RepositoryCopyInSysroot;
        try
        {
            if (!root.IsLiveSystem)
            {
                await runner.RunAsync(new CommandSpec("rm", "-rf", "--", root.Map(RepositoryCopyInSysroot)) { NeedsRoot = true }, cancellationToken).ConfigureAwait(false);
                await runner.RunAsync(new CommandSpec("cp", "-r", "--", repository.Folder, root.Map(RepositoryCopyInSysroot)) { NeedsRoot = true }, cancellationToken).ConfigureAwait(false);
            }
            await changes.WriteTemporaryAsync(PackageManager.TemporarySourcePath, PackageManager.SourceLine(repositoryInRoot, signedBy), cancellationToken).ConfigureAwait(false);
            await packageManager.UpdateTemporarySourceAsync(cancellationToken).ConfigureAwait(false);
            await packageManager.InstallAsync(packages, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await changes.DeleteAsync(PackageManager.TemporarySourcePath, CancellationToken.None).ConfigureAwait(false);
            if (!root.IsLiveSystem)
                await runner.RunAsync(new CommandSpec("rm", "-rf", "--", root.Map(RepositoryCopyInSysroot)) { NeedsRoot = true }, CancellationToken.None).ConfigureAwait(false);
        }
    }

    static void RecordPackages(HostChangeRecord record, IReadOnlyList<RepositoryPackage> requested,
        IReadOnlyDictionary<string, PackageStatus> before, IReadOnlyDictionary<string, PackageStatus> after)
    {
        record.AddInstalledPackages(before, after);
        foreach (var package in requested)
            if (before.ContainsKey(package.Name) && record.InstalledPackages.All(p => p.Name != package.Name) && !record.PreexistingPackages.Contains(package.Name))
                record.PreexistingPackages.Add(package.Name);
    }

    async Task<bool> SetBootDefaultAsync(HostChanges changes, GrubDefaultMode mode, string? kernelRelease, CancellationToken cancellationToken)
    {
        if (mode == GrubDefaultMode.No) return false;
        if (kernelRelease is null)
        {
            log.Warning("no linux-image-* package was named and no kernel release given; the boot default was left as it is");
            return false;
        }
        var grubCfg = changes.ReadText(GrubSettings.ConfigPath) ?? "";
        var entry = GrubMenu.FindEntryPath(grubCfg, kernelRelease)
            ?? (changes.IsDryRun ? GrubMenu.PredictEntryPath(grubCfg, kernelRelease) ?? $"(the menu entry of {kernelRelease} after update-grub)" : null)
            ?? throw new BuildException($"{root.Map(GrubSettings.ConfigPath)} has no menu entry for kernel {kernelRelease} after update-grub; check that the linux-image package installs /boot/vmlinuz-{kernelRelease}");
        var (key, program) = mode == GrubDefaultMode.Always ? ("saved_entry", "grub-set-default") : ("next_entry", "grub-reboot");
        if (GrubSettings.EnvironmentValue(changes.ReadText(GrubSettings.EnvironmentPath), key) == entry)
            return false;
        await changes.BeforeChangeAsync(GrubSettings.EnvironmentPath, cancellationToken).ConfigureAwait(false);
        await runner.RunAsync(root.Command(program, entry), cancellationToken).ConfigureAwait(false);
        return true;
    }

    async Task<string> RollBackAsync(HostChanges changes, PackageManager packageManager, IReadOnlyDictionary<string, PackageStatus> installedBefore,
        bool regenerateGrub, CancellationToken cancellationToken)
    {
        if (runner.IsDryRun) return "nothing was changed (dry run)";
        var problems = new List<string>();
        async Task Try(string what, Func<Task> action)
        {
            try { await action().ConfigureAwait(false); }
            catch (Exception e) when (HostChangeFailure.IsExpected(e))
            {
                problems.Add($"{what}: {OneLine(e)}");
                log.Warning($"rollback: {what} failed: {e.Message}");
            }
        }
        await Try("purge the packages installed by this run", () => packageManager.PurgeAddedSinceAsync(installedBefore, cancellationToken)).ConfigureAwait(false);
        await Try("put back the folders the purge removed", () => PackagedDirectories.RestoreAsync(root, runner, changes.Record.KeptDirectories, cancellationToken)).ConfigureAwait(false);
        await Try("restore the files changed by this run", () => changes.RollBackThisRunAsync(cancellationToken)).ConfigureAwait(false);
        if (regenerateGrub)
            await Try("update-grub", () => runner.RunAsync(root.Command("update-grub"), cancellationToken)).ConfigureAwait(false);
        return problems.Count == 0
            ? "what this run had applied was rolled back, fix the cause and run InstallHost again"
            : $"rolling back also failed ({string.Join("; ", problems)}), see the log and undo by hand";
    }

    internal static string? KernelReleaseOf(IEnumerable<string> packageNames) => packageNames
        .Where(n => n.StartsWith("linux-image-", StringComparison.Ordinal) && !n.EndsWith("-dbg", StringComparison.Ordinal))
        .Select(n => n["linux-image-".Length..]).FirstOrDefault();

    /// <summary>The cause in one line: for a failed tool, its command and the most telling output line.</summary>
    internal static string OneLine(Exception e)
    {
        if (e is not CommandFailedException failed)
            return e.Message.Split('\n')[0];
        var telling = failed.OutputTail.LastOrDefault(l => l.StartsWith("E:", StringComparison.Ordinal) || l.StartsWith("dpkg", StringComparison.Ordinal))
            ?? failed.OutputTail.LastOrDefault(l => l.Trim().Length > 0);
        return $"'{failed.Spec.Describe()}' exited with code {failed.ExitCode}" + (telling is null ? "" : $" ({telling.Trim()})");
    }
}
