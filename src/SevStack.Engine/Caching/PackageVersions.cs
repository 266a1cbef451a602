using SevStack.Toolkit.Processes;

namespace SevStack.Engine.Caching;

/// <summary>
/// The identity of the Debian packages that provide a build's tools, for its key: each package's installed version, or,
/// when it is not installed, the version apt would install (its candidate), so a key is the same before and after the
/// build dependencies are installed. A package's identity also names the versions of the packages it depends on that
/// carry its name with a suffix (gcc's gcc-12, python3's python3.11, binutils' binutils-x86-64-linux-gnu): a
/// metapackage's version alone does not change when the compiler it pulls in does. Asked once per package per build,
/// with one <c>dpkg-query</c> and one <c>apt-cache show</c> for all the packages asked together.
/// </summary>
public sealed class PackageVersions
{
    readonly Dictionary<string, PackageRecord> records = new(StringComparer.Ordinal);
    readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>One package as dpkg or apt knows it: its version, whether it is installed, and the names it depends on.</summary>
    public sealed record PackageRecord(string Package, string Version, bool Installed, IReadOnlyList<string> Depends);

    /// <summary>"gcc 4:12.2.0-3, gcc-12 12.2.0-14+deb12u1" for each package; throws when one is neither installed nor offered by apt.</summary>
    public async Task<IReadOnlyDictionary<string, string>> IdentitiesAsync(IReadOnlyCollection<string> packages, ICommandRunner runner, IBuildLog log, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await LoadAsync(packages, runner, log, cancellationToken).ConfigureAwait(false);
            var companions = packages.SelectMany(p => Companions(records[p])).Where(c => !records.ContainsKey(c)).Distinct().ToList();
            await LoadAsync(companions, runner, log, cancellationToken, required: false).ConfigureAwait(false);
            return packages.Distinct().ToDictionary(p => p, Identity, StringComparer.Ordinal);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Forgets every version (after the build dependencies were installed, the installed ones are asked again).</summary>
    public void Clear()
    {
        gate.Wait();
        try { records.Clear(); }
        finally { gate.Release(); }
    }

    string Identity(string package) =>
        string.Join(", ", Companions(records[package]).Where(records.ContainsKey).Order(StringComparer.Ordinal).Prepend(package)
            .Select(p => $"{p} {records[p].Version}"));

    /// <summary>The dependencies named after the package: its name followed by '-', '.' or a digit.</summary>
    static IEnumerable<string> Companions(PackageRecord record) =>
        record.Depends.Where(d => d.Length > record.Package.Length && d.StartsWith(record.Package, StringComparison.Ordinal)
            && (d[record.Package.Length] is '-' or '.' || char.IsAsciiDigit(d[record.Package.Length])));

    async Task LoadAsync(IReadOnlyCollection<string> packages, ICommandRunner runner, IBuildLog log, CancellationToken cancellationToken, bool required = true)
    {
        var missing = packages.Where(p => !records.ContainsKey(p)).Distinct().Order(StringComparer.Ordinal).ToList();
        if (missing.Count == 0)
            return;
        var installed = await runner.RunAsync(new CommandSpec("dpkg-query", ["-W", "-f=${Package}\\t${db:Status-Abbrev}\\t${Version}\\t${Depends}\\n", .. missing])
            { IsQuery = true, AllowFailure = true }, cancellationToken).ConfigureAwait(false);
        foreach (var record in ParseDpkgQuery(installed.StandardOutput).Where(r => missing.Contains(r.Package)))
            records[record.Package] = record;
        var notInstalled = missing.Where(p => !records.ContainsKey(p)).ToList();
        if (notInstalled.Count > 0)
        {
            var offered = await runner.RunAsync(new CommandSpec("apt-cache", ["show", "--no-all-versions", .. notInstalled]) { IsQuery = true, AllowFailure = true },
                cancellationToken).ConfigureAwait(false);
            foreach (var record in ParseAptCacheShow(offered.StandardOutput).Where(r => notInstalled.Contains(r.Package)))
                records.TryAdd(record.Package, record);
        }
        var unknown = missing.Where(p => !records.ContainsKey(p)).ToList();
        if (required && unknown.Count > 0)
            throw new BuildException($"cache key: the package(s) {string.Join(", ", unknown)} that provide the build's tools are neither installed nor offered by apt: " +
                "run apt-get update (or add the archive that has them)");
        var found = missing.Where(records.ContainsKey).Select(p => records[p]).ToList();
        if (found.Count > 0)
            log.Info("cache key: tool packages " + string.Join(", ", found.Select(r => $"{r.Package} {r.Version}{(r.Installed ? "" : " (not installed: apt's candidate)")}")));
    }

    /// <summary>Parses <c>dpkg-query -W -f='${Package}\t${db:Status-Abbrev}\t${Version}\t${Depends}\n'</c>: installed packages only (status ii and the like).</summary>
    public static IEnumerable<PackageRecord> ParseDpkgQuery(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .Where(fields => fields.Length >= 3 && fields[1].Length >= 2 && fields[1][1] == 'i' && fields[2].Length > 0)
            .Select(fields => new PackageRecord(fields[0], fields[2], Installed: true, DependencyNames(fields.Length > 3 ? fields[3] : "")));

    /// <summary>Parses <c>apt-cache show --no-all-versions</c>: one record per package, the version apt would install.</summary>
    public static IEnumerable<PackageRecord> ParseAptCacheShow(string output)
    {
        foreach (var stanza in output.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = stanza.Split('\n').Where(l => l.Length > 0 && !char.IsWhiteSpace(l[0]) && l.Contains(':', StringComparison.Ordinal))
                .Select(l => (Name: l[..l.IndexOf(':', StringComparison.Ordinal)], Value: l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()))
                .GroupBy(f => f.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
            if (fields.TryGetValue("Package", out var package) && fields.TryGetValue("Version", out var version))
                yield return new PackageRecord(package, version, Installed: false, DependencyNames(fields.GetValueOrDefault("Depends", "")));
        }
    }

    /// <summary>"cpp (= 4:12.2.0-3), gcc-12 (>= 12.2.0-1~) | foo" → cpp, gcc-12, foo.</summary>
    static List<string> DependencyNames(string depends) =>
        depends.Split([',', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split([' ', '(', ':'], 2)[0]).Where(d => d.Length > 0).ToList();
}
