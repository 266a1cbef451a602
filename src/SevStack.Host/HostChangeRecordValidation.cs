using System.Text.RegularExpressions;
using SevStack.Toolkit;

namespace SevStack.Host;

/// <summary>
/// A state file is read back from the disk it describes, so it is checked before UninstallHost acts on it: every path
/// is one SevStack could have written (absolute, normalized, a backup exactly where backups go), every package name
/// and version is one dpkg accepts. One bad record stops the run with one line naming it, before anything changes.
/// </summary>
public sealed partial class HostChangeRecord
{
    void Validate(string where)
    {
        string Bad(string field, string? value, string why) =>
            throw new BuildException($"{where}: the record {field} = '{HostPath.Printable(value)}' {why}; SevStack never writes that, so state.json was edited or damaged: restore it from a backup or undo the changes by hand");

        void CheckPath(string field, string? path)
        {
            if (!HostPath.IsValid(path) || path == "/")
                Bad(field, path, "is not an absolute path below / without '.', '..' or empty parts");
        }

        if (InstalledPackages is null || PreexistingPackages is null || CreatedFiles is null || ChangedFiles is null
            || CreatedDirectories is null || KeptDirectories is null || CreatedLinks is null)
            throw new BuildException($"{where}: a list of the state file is null; SevStack never writes that, so state.json was edited or damaged: restore it from a backup or undo the changes by hand");
        foreach (var (package, i) in InstalledPackages.Select((p, i) => (p, i)))
        {
            if (package?.Name is not { } name || !PackageName().IsMatch(name)) Bad($"installedPackages[{i}].name", package?.Name, "is not a Debian package name");
            if (package!.Version is not { } version || !PackageVersion().IsMatch(version)) Bad($"installedPackages[{i}].version", package.Version, "is not a Debian package version");
        }
        foreach (var (name, i) in PreexistingPackages.Select((p, i) => (p, i)))
            if (name is null || !PackageName().IsMatch(name)) Bad($"preexistingPackages[{i}]", name, "is not a Debian package name");
        foreach (var (path, i) in CreatedFiles.Select((p, i) => (p, i)))
            CheckPath($"createdFiles[{i}]", path);
        foreach (var (path, i) in CreatedLinks.Select((p, i) => (p, i)))
            CheckPath($"createdLinks[{i}]", path);
        foreach (var (path, i) in CreatedDirectories.Select((p, i) => (p, i)))
            CheckPath($"createdDirectories[{i}]", path);
        foreach (var (file, i) in ChangedFiles.Select((f, i) => (f, i)))
        {
            CheckPath($"changedFiles[{i}].path", file?.Path);
            if (file!.BackupPath != BackedUpFile.BackupPathOf(file.Path))
                Bad($"changedFiles[{i}].backupPath", file.BackupPath, $"is not {BackedUpFile.BackupPathOf(file.Path)}, where the backup of {file.Path} goes");
            if (file.Sha256 is { } hash && !Sha256Hex().IsMatch(hash))
                Bad($"changedFiles[{i}].sha256", hash, "is not a SHA-256 in hex");
        }
        foreach (var (folder, i) in KeptDirectories.Select((k, i) => (k, i)))
        {
            CheckPath($"keptDirectories[{i}].path", folder?.Path);
            if (folder!.Mode is not { } mode || !OctalMode().IsMatch(mode)) Bad($"keptDirectories[{i}].mode", folder.Mode, "is not an octal mode");
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9+.-]+$")]
    private static partial Regex PackageName();

    [GeneratedRegex("^[0-9]+:[A-Za-z0-9.+~:-]+$|^[0-9][A-Za-z0-9.+~-]*$")]
    private static partial Regex PackageVersion();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Hex();

    [GeneratedRegex("^[0-7]{3,4}$")]
    private static partial Regex OctalMode();
}
