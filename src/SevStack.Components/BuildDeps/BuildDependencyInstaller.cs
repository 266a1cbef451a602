using SevStack.Toolkit.Processes;

namespace SevStack.Components.BuildDeps;

/// <summary>Finds which Debian packages are not installed and installs only those.</summary>
public sealed class BuildDependencyInstaller(ICommandRunner runner)
{
    /// <summary>Asks dpkg which of <paramref name="packages"/> are not fully installed.</summary>
    public async Task<IReadOnlyList<string>> FindMissingAsync(IReadOnlyList<string> packages, CancellationToken cancellationToken = default)
    {
        if (packages.Count == 0)
            return [];
        var query = new CommandSpec("dpkg-query", ["-W", "-f=${Package} ${db:Status-Abbrev}\\n", .. packages])
        {
            IsQuery = true,
            AllowFailure = true,
        };
        var result = await runner.RunAsync(query, cancellationToken).ConfigureAwait(false);
        var installed = DpkgStatus.InstalledPackages(result.StandardOutput);
        return packages.Where(p => !installed.Contains(p)).ToList();
    }

    /// <summary>The apt-get command that installs <paramref name="missing"/>, or null when nothing is missing.</summary>
    public static CommandSpec? InstallCommand(IReadOnlyList<string> missing) => missing.Count == 0
        ? null
        : new CommandSpec("apt-get", ["install", "-y", "--no-install-recommends", .. missing])
        {
            NeedsRoot = true,
            Environment = new Dictionary<string, string?> { ["DEBIAN_FRONTEND"] = "noninteractive" },
        };

    /// <summary>Installs what is missing (printed only in a dry run); returns the packages it installed.</summary>
    public async Task<IReadOnlyList<string>> InstallMissingAsync(IReadOnlyList<string> packages, CancellationToken cancellationToken = default)
    {
        var missing = await FindMissingAsync(packages, cancellationToken).ConfigureAwait(false);
        if (InstallCommand(missing) is { } install)
        {
            // A fresh machine may have no package lists yet, and old ones name versions the mirror no longer has.
            await runner.RunAsync(new CommandSpec("apt-get", "update", "-q") { NeedsRoot = true, Environment = install.Environment }, cancellationToken).ConfigureAwait(false);
            await runner.RunAsync(install, cancellationToken).ConfigureAwait(false);
        }
        return missing;
    }
}
