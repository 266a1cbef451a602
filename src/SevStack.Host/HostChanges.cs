using SevStack.Engine.Files;
using SevStack.Engine.Processes;

namespace SevStack.Host;

/// <summary>
/// The one way host configuration changes a system: paths are mapped into the target root, a file is backed up
/// once before its first change, writes are atomic (through sudo when not root), every change lands in the
/// record, and what this run changed can be rolled back. In a dry run it prints diffs and commands instead.
/// </summary>
public sealed class HostChanges(TargetRoot root, ICommandRunner runner, IFileWriter writer, Privilege privilege, IBuildLog log, HostChangeRecord record)
{
    readonly Dictionary<string, byte[]?> contentBeforeThisRun = new(StringComparer.Ordinal);
    readonly List<string> directoriesCreatedThisRun = [];
    readonly HashSet<string> temporaryFilesOfDryRun = new(StringComparer.Ordinal);

    public TargetRoot Root => root;
    public ICommandRunner Runner => runner;
    public HostChangeRecord Record => record;
    public bool IsDryRun => runner.IsDryRun;

    /// <summary>True once this run has changed (or is about to change) a file that <see cref="RollBackThisRunAsync"/> would restore.</summary>
    public bool ChangedThisRun => contentBeforeThisRun.Count > 0;

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
        await WriteBytesAsync(absolutePath, System.Text.Encoding.UTF8.GetBytes(content), mode, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Records a file an external command (grub-set-default, ...) is about to change, backing it up once.</summary>
    public async Task BeforeChangeAsync(string absolutePath, CancellationToken cancellationToken = default)
    {
        var mapped = root.Map(absolutePath);
        if (!contentBeforeThisRun.ContainsKey(absolutePath))
            contentBeforeThisRun[absolutePath] = File.Exists(mapped) ? await File.ReadAllBytesAsync(mapped, cancellationToken).ConfigureAwait(false) : null;
        if (IsDryRun || record.Knows(absolutePath))
            return;
        if (File.Exists(mapped))
        {
            var backup = HostChangeRecord.BackupFolder + absolutePath;
            await CreateDirectoriesAsync(Path.GetDirectoryName(backup)!, recordThem: true, cancellationToken).ConfigureAwait(false);
            if (!File.Exists(root.Map(backup)))
                await CopyAsync(absolutePath, backup, cancellationToken).ConfigureAwait(false);
            record.ChangedFiles.Add(new BackedUpFile(absolutePath, backup));
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
        await WriteBytesAsync(absolutePath, System.Text.Encoding.UTF8.GetBytes(content), Mode644, cancellationToken).ConfigureAwait(false);
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
                await WriteBytesAsync(path, before, null, cancellationToken).ConfigureAwait(false);
                var backedUp = record.ChangedFiles.FirstOrDefault(f => f.Path == path);
                if (backedUp is not null && File.Exists(root.Map(backedUp.BackupPath)) &&
                    (await File.ReadAllBytesAsync(root.Map(backedUp.BackupPath), cancellationToken).ConfigureAwait(false)).AsSpan().SequenceEqual(before))
                {
                    await DeleteAsync(backedUp.BackupPath, cancellationToken).ConfigureAwait(false);
                    record.ChangedFiles.Remove(backedUp);
                }
            }
        }
        contentBeforeThisRun.Clear();
        await RemoveEmptyDirectoriesAsync(directoriesCreatedThisRun, cancellationToken).ConfigureAwait(false);
        foreach (var directory in directoriesCreatedThisRun) record.CreatedDirectories.Remove(directory);
        directoriesCreatedThisRun.Clear();
    }

    /// <summary>Undoes everything the record holds: restores backups, deletes created files and folders.</summary>
    public async Task RestoreEverythingAsync(CancellationToken cancellationToken = default)
    {
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
                await WriteBytesAsync(changed.Path, await File.ReadAllBytesAsync(backup, cancellationToken).ConfigureAwait(false), null, cancellationToken).ConfigureAwait(false);
            await DeleteAsync(changed.BackupPath, cancellationToken).ConfigureAwait(false);
        }
        foreach (var created in record.CreatedFiles)
            await DeleteAsync(created, cancellationToken).ConfigureAwait(false);
        await RemoveEmptyDirectoriesAsync(record.CreatedDirectories, cancellationToken).ConfigureAwait(false);
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

    async Task WriteBytesAsync(string absolutePath, byte[] content, UnixFileMode? mode, CancellationToken cancellationToken)
    {
        var mapped = root.Map(absolutePath);
        await CreateDirectoriesAsync(Path.GetDirectoryName(absolutePath)!, recordThem: false, cancellationToken).ConfigureAwait(false);
        if (privilege.IsRoot)
        {
            AtomicFile.WriteAllBytes(mapped, content, File.Exists(mapped) ? null : mode);
            log.Info($"wrote {mapped}");
            return;
        }
        var staged = Path.Combine(Path.GetTempPath(), $"sevstack-{Guid.NewGuid():N}");
        await File.WriteAllBytesAsync(staged, content, cancellationToken).ConfigureAwait(false);
        try
        {
            var octal = Convert.ToString((int)(mode ?? Mode644), 8);
            var next = mapped + ".sevstack-new";
            await runner.RunAsync(new CommandSpec("install", "-m", octal, "--", staged, next) { NeedsRoot = true }, cancellationToken).ConfigureAwait(false);
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
}
