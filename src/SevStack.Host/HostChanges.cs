using SevStack.Toolkit;
using SevStack.Engine.Caching;
using SevStack.Toolkit.Files;
using SevStack.Toolkit.Processes;

namespace SevStack.Host;

/// <summary>
/// The one way host configuration changes a system: paths are mapped into the target root, a file is backed up
/// once before its first change, writes are atomic (through sudo when not root), every change lands in the
/// record, and what this run changed can be rolled back. In a dry run it prints diffs and commands instead.
/// </summary>
public sealed class HostChanges(TargetRoot root, ICommandRunner runner, IFileWriter writer, Privilege privilege, IBuildLog log, HostChangeRecord record)
{
    readonly Dictionary<string, FileBefore?> contentBeforeThisRun = new(StringComparer.Ordinal);
    readonly List<string> directoriesCreatedThisRun = [];
    readonly List<string> linksCreatedThisRun = [];
    readonly HashSet<string> temporaryFilesOfDryRun = new(StringComparer.Ordinal);

    public TargetRoot Root => root;
    public ICommandRunner Runner => runner;
    public HostChangeRecord Record => record;
    public bool IsDryRun => runner.IsDryRun;

    /// <summary>True once this run has changed (or is about to change) a file that <see cref="RollBackThisRunAsync"/> would restore.</summary>
    public bool ChangedThisRun => contentBeforeThisRun.Count > 0 || linksCreatedThisRun.Count > 0;

    public bool Exists(string absolutePath) => File.Exists(root.Map(absolutePath));

    public string? ReadText(string absolutePath)
    {
        var mapped = root.Map(absolutePath);
        return File.Exists(mapped) ? File.ReadAllText(mapped) : null;
    }

    /// <summary>Writes a file SevStack owns from now on; unchanged content is not written.</summary>
    /// <returns>True when the content changed (or would change in a dry run).</returns>
    public async Task<bool> WriteAsync(string absolutePath, string content, UnixFileMode mode = Mode644, CancellationToken cancellationToken = default)
    {
        if (ReadText(absolutePath) == content)
            return false;
        if (IsDryRun)
            return writer.WriteAllText(root.Map(absolutePath), content, mode);
        await BeforeChangeAsync(absolutePath, cancellationToken).ConfigureAwait(false);
        await WriteBytesAsync(absolutePath, System.Text.Encoding.UTF8.GetBytes(content), null, cancellationToken, mode).ConfigureAwait(false);
        return true;
    }

    /// <summary>Records a file an external command (grub-set-default, ...) is about to change, backing it up once.</summary>
    public async Task BeforeChangeAsync(string absolutePath, CancellationToken cancellationToken = default)
    {
        var mapped = root.Map(absolutePath);
        if (!contentBeforeThisRun.ContainsKey(absolutePath))
            contentBeforeThisRun[absolutePath] = File.Exists(mapped)
                ? new FileBefore(await File.ReadAllBytesAsync(mapped, cancellationToken).ConfigureAwait(false), UnixFileStatus.Read(mapped)!)
                : null;
        if (IsDryRun || record.Knows(absolutePath))
            return;
        if (File.Exists(mapped))
        {
            var backup = BackedUpFile.BackupPathOf(absolutePath);
            await CreateDirectoriesAsync(Path.GetDirectoryName(backup)!, recordThem: true, cancellationToken).ConfigureAwait(false);
            if (!File.Exists(root.Map(backup)))
                await CopyAsync(absolutePath, backup, cancellationToken).ConfigureAwait(false);
            record.ChangedFiles.Add(new BackedUpFile(absolutePath, backup, FileHashes.Sha256(root.Map(backup))));
            log.Info($"backed up {mapped} to {root.Map(backup)}");
        }
        else
        {
            await CreateDirectoriesAsync(Path.GetDirectoryName(absolutePath)!, recordThem: true, cancellationToken).ConfigureAwait(false);
            record.CreatedFiles.Add(absolutePath);
        }
    }

    /// <summary>Writes a file that is removed again before the run ends (a temporary apt source); not recorded.</summary>
    public async Task WriteTemporaryAsync(string absolutePath, string content, CancellationToken cancellationToken = default)
    {
        if (IsDryRun)
        {
            if (writer.WriteAllText(root.Map(absolutePath), content, Mode644))
                temporaryFilesOfDryRun.Add(absolutePath);
            return;
        }
        await WriteBytesAsync(absolutePath, System.Text.Encoding.UTF8.GetBytes(content), null, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(string absolutePath, CancellationToken cancellationToken = default)
    {
        var mapped = root.Map(absolutePath);
        if (IsDryRun)
        {
            if (temporaryFilesOfDryRun.Remove(absolutePath))
                log.Info($"would delete {mapped}");
            else
                writer.Delete(mapped);
            return;
        }
        if (!File.Exists(mapped)) return;
        if (privilege.IsRoot)
        {
            File.Delete(mapped);
            log.Info($"deleted {mapped}");
        }
        else
            await runner.RunAsync(new CommandSpec("rm", "-f", "--", mapped) { NeedsRoot = true }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates the symbolic link <paramref name="absoluteLinkPath"/> -> <paramref name="absoluteTarget"/> (both paths of the
    /// target system), recorded so that rollback and uninstall remove the link itself. Anything else already at that
    /// path is never replaced: one line says so.
    /// </summary>
    /// <returns>True when the link was created (or would be in a dry run); false when it is already there.</returns>
    public async Task<bool> CreateSymbolicLinkAsync(string absoluteLinkPath, string absoluteTarget, CancellationToken cancellationToken = default)
    {
        HostPath.Check(absoluteTarget, $"the target of the link {absoluteLinkPath}");
        var entry = root.MapEntry(absoluteLinkPath);
        var existing = new FileInfo(entry);
        if (existing.LinkTarget == absoluteTarget)
        {
            log.Info($"{entry} -> {absoluteTarget} unchanged");
            return false;
        }
        if (existing.LinkTarget is not null || existing.Exists || Directory.Exists(entry))
            throw new BuildException($"{entry} already exists and is not a link to {absoluteTarget}; remove it or point it at {absoluteTarget} (it was left untouched)");
        if (IsDryRun)
        {
            log.Info($"would link {entry} -> {absoluteTarget}");
            return true;
        }
        await CreateDirectoriesAsync(Path.GetDirectoryName(absoluteLinkPath)!, recordThem: true, cancellationToken).ConfigureAwait(false);
        linksCreatedThisRun.Add(absoluteLinkPath);
        if (!record.CreatedLinks.Contains(absoluteLinkPath))
            record.CreatedLinks.Add(absoluteLinkPath);
        entry = root.MapEntry(absoluteLinkPath);
        if (privilege.IsRoot)
        {
            File.CreateSymbolicLink(entry, absoluteTarget);
            log.Info($"linked {entry} -> {absoluteTarget}");
        }
        else
            await runner.RunAsync(new CommandSpec("ln", "-s", "--", absoluteTarget, entry) { NeedsRoot = true }, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Removes a link SevStack created; whatever else is there now (a file someone put instead) stays.</summary>
    async Task RemoveLinkAsync(string absoluteLinkPath, CancellationToken cancellationToken)
    {
        var entry = root.MapEntry(absoluteLinkPath);
        if (new FileInfo(entry).LinkTarget is null)
            return;
        if (IsDryRun)
            log.Info($"would delete the link {entry}");
        else if (privilege.IsRoot)
        {
            File.Delete(entry);
            log.Info($"deleted the link {entry}");
        }
        else
            await runner.RunAsync(new CommandSpec("rm", "-f", "--", entry) { NeedsRoot = true }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Undoes the file changes of this run only: earlier runs' changes stay recorded.</summary>
    public async Task RollBackThisRunAsync(CancellationToken cancellationToken = default)
    {
        foreach (var (path, before) in contentBeforeThisRun.Reverse())
        {
            if (before is null)
            {
                await DeleteAsync(path, cancellationToken).ConfigureAwait(false);
                record.CreatedFiles.Remove(path);
            }
            else
            {
                var mapped = root.Map(path);
                if (UnixFileStatus.Read(mapped) != before.Status || !await HasContentAsync(mapped, before.Content, cancellationToken).ConfigureAwait(false))
                    await WriteBytesAsync(path, before.Content, before.Status, cancellationToken).ConfigureAwait(false);
                var backedUp = record.ChangedFiles.FirstOrDefault(f => f.Path == path);
                if (backedUp is not null && await HasContentAsync(root.Map(backedUp.BackupPath), before.Content, cancellationToken).ConfigureAwait(false))
                {
                    await DeleteAsync(backedUp.BackupPath, cancellationToken).ConfigureAwait(false);
                    record.ChangedFiles.Remove(backedUp);
                }
            }
        }
        contentBeforeThisRun.Clear();
        foreach (var link in linksCreatedThisRun)
        {
            await RemoveLinkAsync(link, cancellationToken).ConfigureAwait(false);
            record.CreatedLinks.Remove(link);
        }
        linksCreatedThisRun.Clear();
        await RemoveEmptyDirectoriesAsync(directoriesCreatedThisRun, cancellationToken).ConfigureAwait(false);
        foreach (var directory in directoriesCreatedThisRun) record.CreatedDirectories.Remove(directory);
        directoriesCreatedThisRun.Clear();
    }

    /// <summary>Undoes everything the record holds: restores backups, deletes created files and folders.</summary>
    public async Task RestoreEverythingAsync(CancellationToken cancellationToken = default)
    {
        CheckBackups();
        foreach (var changed in record.ChangedFiles)
        {
            var backup = root.Map(changed.BackupPath);
            if (!File.Exists(backup))
            {
                log.Warning($"the backup {backup} of {root.Map(changed.Path)} is missing; left that file as it is");
                continue;
            }
            if (IsDryRun)
                writer.WriteAllText(root.Map(changed.Path), await File.ReadAllTextAsync(backup, cancellationToken).ConfigureAwait(false));
            else
                await WriteBytesAsync(changed.Path, await File.ReadAllBytesAsync(backup, cancellationToken).ConfigureAwait(false), UnixFileStatus.Read(backup), cancellationToken).ConfigureAwait(false);
            await DeleteAsync(changed.BackupPath, cancellationToken).ConfigureAwait(false);
        }
        foreach (var created in record.CreatedFiles)
            await DeleteAsync(created, cancellationToken).ConfigureAwait(false);
        foreach (var link in record.CreatedLinks)
            await RemoveLinkAsync(link, cancellationToken).ConfigureAwait(false);
        await RemoveEmptyDirectoriesAsync(record.CreatedDirectories, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops before anything is restored when a backup is not what was backed up (its recorded hash differs).</summary>
    public void CheckBackups()
    {
        foreach (var changed in record.ChangedFiles)
        {
            var backup = root.Map(changed.BackupPath);
            if (!File.Exists(backup) || changed.Sha256 is null) continue;
            var hash = FileHashes.Sha256(backup);
            if (hash != changed.Sha256)
                throw new BuildException($"the backup {backup} of {changed.Path} has SHA-256 {hash}, but {HostChangeRecord.StatePath} recorded {changed.Sha256}; it was changed after the backup, so nothing was restored: check it and restore {changed.Path} by hand");
        }
    }

    /// <summary>Removes folders (deepest first) that are empty; ones with foreign files stay.</summary>
    public async Task RemoveEmptyDirectoriesAsync(IEnumerable<string> absolutePaths, CancellationToken cancellationToken = default)
    {
        foreach (var directory in absolutePaths.OrderByDescending(d => d.Length).ToList())
        {
            var mapped = root.Map(directory);
            if (!Directory.Exists(mapped) || Directory.EnumerateFileSystemEntries(mapped).Any()) continue;
            if (IsDryRun)
                log.Info($"would remove the empty folder {mapped}");
            else if (privilege.IsRoot)
                Directory.Delete(mapped);
            else
                await runner.RunAsync(new CommandSpec("rmdir", "--", mapped) { NeedsRoot = true }, cancellationToken).ConfigureAwait(false);
        }
    }

    public const UnixFileMode Mode644 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    async Task CreateDirectoriesAsync(string absoluteFolder, bool recordThem, CancellationToken cancellationToken)
    {
        var missing = new List<string>();
        for (var folder = absoluteFolder; folder != "/" && !Directory.Exists(root.Map(folder)); folder = Path.GetDirectoryName(folder)!)
            missing.Insert(0, folder);
        if (missing.Count == 0) return;
        if (privilege.IsRoot)
            Directory.CreateDirectory(root.Map(absoluteFolder));
        else
            await runner.RunAsync(new CommandSpec("mkdir", "-p", "--", root.Map(absoluteFolder)) { NeedsRoot = true }, cancellationToken).ConfigureAwait(false);
        directoriesCreatedThisRun.AddRange(missing);
        if (recordThem)
            record.CreatedDirectories.AddRange(missing.Where(m => !record.CreatedDirectories.Contains(m)));
    }

    /// <summary>A new file gets <paramref name="modeOfNewFile"/>; an existing one keeps its mode, owner and group unless <paramref name="status"/> names them.</summary>
    async Task WriteBytesAsync(string absolutePath, byte[] content, UnixFileStatus? status, CancellationToken cancellationToken, UnixFileMode modeOfNewFile = Mode644)
    {
        await CreateDirectoriesAsync(Path.GetDirectoryName(absolutePath)!, recordThem: false, cancellationToken).ConfigureAwait(false);
        var mapped = root.Map(absolutePath);
        status ??= UnixFileStatus.Read(mapped);
        if (privilege.IsRoot)
        {
            AtomicFile.WriteAllBytes(mapped, content, status, modeOfNewFile);
            log.Info($"wrote {mapped}");
            return;
        }
        var staged = Path.Combine(Path.GetTempPath(), $"sevstack-{Guid.NewGuid():N}");
        await File.WriteAllBytesAsync(staged, content, cancellationToken).ConfigureAwait(false);
        try
        {
            var next = mapped + ".sevstack-new";
            string[] owner = status is null ? [] : ["-o", status.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture), "-g", status.GroupId.ToString(System.Globalization.CultureInfo.InvariantCulture)];
            var octal = status?.OctalMode ?? Convert.ToString((int)modeOfNewFile, 8);
            await runner.RunAsync(new CommandSpec("install", ["-m", octal, .. owner, "--", staged, next]) { NeedsRoot = true }, cancellationToken).ConfigureAwait(false);
            await runner.RunAsync(new CommandSpec("mv", "-f", "--", next, mapped) { NeedsRoot = true }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(staged);
        }
    }

    async Task CopyAsync(string fromAbsolute, string toAbsolute, CancellationToken cancellationToken)
    {
        if (privilege.IsRoot)
            AtomicFile.BackupOnce(root.Map(fromAbsolute), root.Map(toAbsolute));
        else
            await runner.RunAsync(new CommandSpec("cp", "-a", "--no-clobber", "--", root.Map(fromAbsolute), root.Map(toAbsolute)) { NeedsRoot = true }, cancellationToken).ConfigureAwait(false);
    }

    static async Task<bool> HasContentAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) return false;
        var actual = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return actual.AsSpan().SequenceEqual(content);
    }

    /// <summary>A file as it was before this run's first change to it.</summary>
    sealed record FileBefore(byte[] Content, UnixFileStatus Status);
}
