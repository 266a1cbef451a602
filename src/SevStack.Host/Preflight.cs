using SevStack.Host.Dependencies;
using SevStack.Host.Distributions;
using SevStack.Toolkit;
using SevStack.Toolkit.Processes;

namespace SevStack.Host;

/// <summary>The checks that run before any change; each failure is one line saying what, where and what to do.</summary>
public sealed class Preflight(TargetRoot root, ICommandRunner runner, Privilege privilege)
{
    static readonly string[] LockFiles = ["/var/lib/dpkg/lock-frontend", "/var/lib/dpkg/lock"];
    static readonly string[] FoldersWritten = ["/etc", "/var/lib", "/boot"];

    public const string PackagesAndBootFiles = "apt-get, dpkg and files under /etc and /boot";

    public Task RootAccessAsync(string target, CancellationToken cancellationToken = default) =>
        RootAccessAsync(target, PackagesAndBootFiles, cancellationToken);

    /// <param name="needsRootFor">What the target changes that only root may, for the message.</param>
    public async Task RootAccessAsync(string target, string needsRootFor, CancellationToken cancellationToken = default)
    {
        if (privilege.IsRoot) return;
        string reason;
        try
        {
            var result = await runner.RunAsync(new CommandSpec("sudo", "-n", "true") { IsQuery = true, AllowFailure = true }, cancellationToken).ConfigureAwait(false);
            if (result.Succeeded) return;
            reason = FirstLine(result.StandardError) ?? $"exit code {result.ExitCode}";
        }
        catch (ToolNotFoundException)
        {
            reason = "sudo is not installed";
        }
        throw new BuildException($"{target} needs root for {needsRootFor}, but 'sudo -n true' failed ({reason}); run it as root, or run 'sudo -v' first (or allow passwordless sudo for this user), or use --dry-run to only see the commands");
    }

    /// <summary>Refuses only a root that is not Debian-based (no apt/dpkg to install .deb packages); any release of Debian or Ubuntu passes.</summary>
    public DistributionRelease Distribution()
    {
        var release = OsRelease.Read(root);
        return KnownReleases.For(release) ?? throw new BuildException(
            $"{root} runs {release.PrettyName} ({release.Id} {release.VersionId}), which is neither Debian nor Ubuntu nor derived from them; the packages are .deb files installed through apt: use a Debian or Ubuntu host");
    }

    /// <summary>Refuses packages whose dependencies the root cannot satisfy, naming them in one line.</summary>
    public void Installable(IReadOnlyList<RepositoryPackage> packages, IReadOnlyList<RepositoryPackage> alongside)
    {
        var unsatisfiable = DependencyCheck.Unsatisfiable(root, packages, alongside);
        if (unsatisfiable.Count > 0)
            throw new BuildException($"the packages cannot be installed in {root}: {string.Join("; ", unsatisfiable)}; build them for this release (in a build root of it) or make those versions available to its apt, then run again");
    }

    public async Task WritableAsync(CancellationToken cancellationToken = default)
    {
        foreach (var folder in FoldersWritten.Select(root.Map).Where(Directory.Exists))
        {
            var result = await runner.RunAsync(new CommandSpec("test", "-w", folder) { NeedsRoot = true, IsQuery = true, AllowFailure = true }, cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
                throw new BuildException($"{folder} is not writable (read-only file system?); remount {root.Path} read-write or pass a writable --sysroot");
        }
    }

    /// <summary>How long apt/dpkg work waits for another package manager before giving up, as <c>apt</c> waits (apt-get does not).</summary>
    public static readonly TimeSpan DefaultPackageLockWait = TimeSpan.FromMinutes(2);

    /// <summary>Waits while another process holds dpkg's locks, saying once who holds them; one line when it still does after <paramref name="wait"/>.</summary>
    public async Task PackageLockFreeAsync(IBuildLog log, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var told = false;
        while (await PackageLockHolderAsync(cancellationToken).ConfigureAwait(false) is var (lockFile, pid, program))
        {
            if (waited.Elapsed >= wait)
                throw new BuildException($"the package manager lock {lockFile} is held by process {pid} ({program}) after waiting {wait.TotalSeconds:0} s; wait for it to finish (or close the other package manager) and run again");
            if (!told)
            {
                log.Info($"waiting up to {wait.TotalSeconds:0} s for the package manager lock {lockFile}, held by process {pid} ({program})");
                told = true;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Both flock (dpkg-frontend users) and fcntl (apt, dpkg) locks show in /proc/locks by inode.</summary>
    async Task<(string LockFile, string Pid, string Program)?> PackageLockHolderAsync(CancellationToken cancellationToken)
    {
        var locks = File.Exists("/proc/locks") ? await File.ReadAllLinesAsync("/proc/locks", cancellationToken).ConfigureAwait(false) : [];
        foreach (var lockFile in LockFiles.Select(root.Map).Where(File.Exists))
        {
            var stat = await runner.RunAsync(new CommandSpec("stat", "-c", "%i", lockFile) { IsQuery = true }, cancellationToken).ConfigureAwait(false);
            var inode = stat.StandardOutput.Trim();
            foreach (var entry in locks)
            {
                var fields = entry.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var idIndex = Array.FindIndex(fields, f => f.Count(c => c == ':') == 2);
                if (idIndex < 1 || fields[idIndex].Split(':')[2] != inode || fields[idIndex - 1] is not { } pid)
                    continue;
                var program = File.Exists($"/proc/{pid}/comm") ? File.ReadAllText($"/proc/{pid}/comm").Trim() : "unknown";
                return (lockFile, pid, program);
            }
        }
        return null;
    }

    public async Task FreeSpaceAsync(long packageBytes, CancellationToken cancellationToken = default)
    {
        foreach (var (folder, bytes) in SpaceNeeded(packageBytes))
        {
            var mapped = root.Map(folder);
            if (!Directory.Exists(mapped)) continue;
            var result = await runner.RunAsync(new CommandSpec("df", "-B1", "--output=avail", mapped) { IsQuery = true }, cancellationToken).ConfigureAwait(false);
            var available = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1)
                .Select(l => long.TryParse(l, out var v) ? v : -1).FirstOrDefault(-1);
            if (available >= 0 && available < bytes)
                throw new BuildException($"{mapped} has {available >> 20} MiB free but installing needs about {bytes >> 20} MiB; free some space (e.g. 'apt-get clean', remove old kernels) and run again");
        }
    }

    /// <summary>The free space installing packages of this size needs: apt's archive holds the .deb files while dpkg unpacks them.</summary>
    public static IReadOnlyList<(string Folder, long Bytes)> SpaceNeeded(long packageBytes)
    {
        const long Margin = 64L << 20;
        return [("/var/cache/apt/archives", packageBytes * 3 + Margin), ("/boot", packageBytes + Margin)];
    }

    static string? FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
}
