using SevStack.Toolkit.Processes;

namespace SevStack.Host;

/// <summary>apt and dpkg inside the target root: queries read its dpkg database directly, changes run there as root.</summary>
public sealed class PackageManager(TargetRoot root, ICommandRunner runner)
{
    public const string TemporarySourcePath = "/etc/apt/sources.list.d/sevstack-local.list";

    /// <summary>Every package dpkg knows as present (installed, half-installed, half-configured, ...), by name.</summary>
    public async Task<IReadOnlyDictionary<string, PackageStatus>> PresentAsync(CancellationToken cancellationToken = default)
    {
        var result = await runner.RunAsync(new CommandSpec("dpkg-query", $"--admindir={root.Map("/var/lib/dpkg")}", "-W",
            "-f=${Package}\t${Version}\t${db:Status-Abbrev}\n") { IsQuery = true }, cancellationToken).ConfigureAwait(false);
        var present = new Dictionary<string, PackageStatus>(StringComparer.Ordinal);
        foreach (var line in result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split('\t');
            if (parts.Length == 3 && parts[2].Length >= 2 && parts[2][1] is not ('n' or 'c'))
                present[parts[0].Split(':')[0]] = new PackageStatus(parts[1], parts[2][1] == 'i');
        }
        return present;
    }

    public static string SourceLine(string repositoryInRoot, string? signedBy) =>
        $"deb [{(signedBy is null ? "trusted=yes" : $"signed-by={signedBy}")}] file:{repositoryInRoot} ./\n";

    /// <summary>Reads only the temporary source, so that other (possibly unreachable) mirrors are not contacted.</summary>
    public Task UpdateTemporarySourceAsync(CancellationToken cancellationToken = default) => runner.RunAsync(Apt("update",
        "-o", $"Dir::Etc::sourcelist={TemporarySourcePath}", "-o", "Dir::Etc::sourceparts=-", "-o", "APT::Get::List-Cleanup=0"), cancellationToken);

    public Task InstallAsync(IEnumerable<RepositoryPackage> packages, CancellationToken cancellationToken = default) => runner.RunAsync(Apt(
        ["install", "-y", "--no-install-recommends", "-o", "Dpkg::Options::=--force-confdef", "-o", "Dpkg::Options::=--force-confold",
         .. packages.Select(p => $"{p.Name}={p.Version}")]), cancellationToken);

    /// <summary>Purges exactly these packages through apt (so its auto-installed marks go too); refuses when apt would remove more.</summary>
    public async Task PurgeAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken = default)
    {
        var simulation = await runner.RunAsync(Apt(["-s", "purge", .. names]) with { IsQuery = true }, cancellationToken).ConfigureAwait(false);
        var extra = simulation.StandardOutput.Split('\n')
            .Where(l => l.StartsWith("Purg ", StringComparison.Ordinal) || l.StartsWith("Remv ", StringComparison.Ordinal))
            .Select(l => l.Split(' ')[1]).Where(n => !names.Contains(n)).ToList();
        if (extra.Count > 0)
            throw new SevStack.Toolkit.BuildException($"purging {string.Join(", ", names)} in {root} would also remove {string.Join(", ", extra)}, installed later and depending on them; remove those first");
        await runner.RunAsync(Apt(["purge", "-y", .. names]), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Purges the packages present now that were not before (what a failed install left); returns their names.</summary>
    public async Task<IReadOnlyList<string>> PurgeAddedSinceAsync(IReadOnlyDictionary<string, PackageStatus> before, CancellationToken cancellationToken = default)
    {
        var now = await PresentAsync(cancellationToken).ConfigureAwait(false);
        var added = now.Keys.Where(n => !before.ContainsKey(n)).ToList();
        if (added.Count > 0)
            await PurgeAsync(added, cancellationToken).ConfigureAwait(false);
        return added;
    }

    CommandSpec Apt(params string[] arguments) => root.Command("env", ["DEBIAN_FRONTEND=noninteractive", "apt-get", .. arguments]);
}

/// <summary>A package's version and whether dpkg finished configuring it.</summary>
public sealed record PackageStatus(string Version, bool IsFullyInstalled);
