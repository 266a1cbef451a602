using SevStack.Toolkit.Files;
using SevStack.Toolkit.Processes;

namespace SevStack.Host.Tests.Support;

/// <summary>The installer and uninstaller wired like the targets wire them, with the log kept in memory.</summary>
sealed class HostHarness(string root, bool dryRun = false, Privilege? privilege = null, ICommandRunner? runner = null, TimeSpan? packageLockWait = null)
{
    public MemoryBuildLog Log { get; } = new();

    /// <summary>The commands and output of the queries a dry run still runs (df, dpkg-query, ...), kept apart from what it would do.</summary>
    public MemoryBuildLog QueryLog { get; } = new();

    public Privilege Privilege { get; } = privilege ?? new Privilege(IsRoot: true);

    ICommandRunner Runner => runner ?? (dryRun
        ? new DryRunCommandRunner(Log, Privilege, new CliWrapCommandRunner(QueryLog, Privilege))
        : new CliWrapCommandRunner(Log, Privilege));

    IFileWriter Writer => dryRun ? new DryRunFileWriter(Log) : new FileWriter(Log);

    public HostInstaller Installer() => new(new TargetRoot(root), Runner, Writer, Privilege, Log, packageLockWait);

    public HostUninstaller Uninstaller() => new(new TargetRoot(root), Runner, Writer, Privilege, Log, packageLockWait);
}
