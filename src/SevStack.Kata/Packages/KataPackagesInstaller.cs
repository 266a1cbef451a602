using SevStack.Toolkit.Processes;
using SevStack.Host;
using SevStack.Host.Apt;

namespace SevStack.Kata.Packages;

/// <summary>
/// Installs the packaged Kata 1.x components the seed's kata-manager installed (kata-runtime, kata-proxy, kata-shim), only
/// those the root lacks, from a <see cref="KataPackageRepository"/> through <see cref="AptInstaller"/>: key checked first,
/// Signed-By source, packages recorded for UninstallHost and purged again when a step fails.
/// </summary>
public sealed class KataPackagesInstaller(IBuildLog log)
{
    /// <summary>What the target needs root for, for the preflight message.</summary>
    public const string NeedsRootFor = "installing the Kata 1.x packages and files under /etc/apt";

    public static readonly IReadOnlyList<string> Packages = ["kata-runtime", "kata-proxy", "kata-shim"];

    /// <summary>The packages of <see cref="Packages"/> that are not fully installed, in that order.</summary>
    public static IReadOnlyList<string> Missing(IReadOnlyDictionary<string, PackageStatus> present) =>
        Packages.Where(name => !(present.TryGetValue(name, out var status) && status.IsFullyInstalled)).ToList();

    /// <param name="intoSysroot">The root is a --sysroot: curl and gpg run on this machine, so the root needs neither.</param>
    public static IReadOnlyList<AptInstallStep> Plan(KataPackageRepository repository, IReadOnlyList<string> missing, bool intoSysroot) =>
        AptInstallPlan.FromSignedSource(repository.Source, missing, intoSysroot);

    public async Task<AptInstallOutcome> EnsureAsync(KataPackageRepository repository, HostChanges changes, CancellationToken cancellationToken = default)
    {
        var before = await new PackageManager(changes.Root, changes.Runner).PresentAsync(cancellationToken).ConfigureAwait(false);
        var missing = Missing(before);
        if (missing.Count == 0)
        {
            var installed = string.Join(", ", Packages.Select(name => $"{name} {before[name].Version}"));
            log.Info($"already installed in {changes.Root}: {installed}");
            return new AptInstallOutcome(false, $"already installed ({installed})", before);
        }
        var plan = Plan(repository, missing, intoSysroot: !changes.Root.IsLiveSystem);
        if (await new AptInstaller(log).InstallAsync(plan, before, changes, cancellationToken).ConfigureAwait(false) is not { } after)
            return new AptInstallOutcome(true, $"would install {string.Join(", ", missing)}", before);
        return new AptInstallOutcome(true, "installed " + string.Join(", ", missing.Select(name => after.TryGetValue(name, out var status) ? $"{name} {status.Version}" : name)), before);
    }
}
