using SevStack.Components.Kernel;
using SevStack.Sources.Specs;
using SevStack.Toolkit.Processes;

namespace SevStack.Build.Modules.Kernel;

/// <summary>What can be known about a kernel's base configuration before anything runs, and the distribution config it resolves to.</summary>
static class KernelConfigBases
{
    const string Alternatives = "use --kernel-config distribution, defconfig, tinyconfig or file:PATH";

    /// <summary>Why <paramref name="configBase"/> cannot work with the source <paramref name="sourceText"/> on this machine, or null.</summary>
    public static string? ProblemBeforeRun(KernelConfigBase configBase, string sourceText, string sourceFlag)
    {
        switch (configBase.Kind)
        {
            case KernelConfigBaseKind.Running:
                var running = RunningConfigPath();
                return File.Exists(running) ? null
                    : $"the running kernel's config {running} for --kernel-config running, which does not exist on this machine: {Alternatives}";
            case KernelConfigBaseKind.Distribution:
                return SourceSpec.Parse(sourceText) switch
                {
                    GitSourceSpec or TarballSourceSpec => $"a distribution config for --kernel-config distribution, which {sourceFlag} {sourceText} does not carry (a git or tarball kernel has no debian/config): " +
                        "use --kernel-config file:PATH (e.g. a distribution kernel's /boot/config-*), running, defconfig or tinyconfig",
                    DirectorySourceSpec dir when Directory.Exists(dir.Path) && !DebianKernelConfigMerge.IsIn(dir.Path) =>
                        $"a distribution config for --kernel-config distribution, which {sourceFlag} {sourceText} does not carry (no debian/config/config in it): " +
                        "use --kernel-config file:PATH, running, defconfig or tinyconfig",
                    _ => null,
                };
            default:
                return null;
        }
    }

    public static string RunningConfigPath() => "/boot/config-" + File.ReadAllText("/proc/sys/kernel/osrelease").Trim();

    /// <summary>
    /// The Debian config package of a kernel fetched from <c>linux-source-*</c> (whose tarball has no debian/), with the version
    /// to use; null when the base is not <c>distribution</c> or the tree carries debian/config itself.
    /// </summary>
    /// <param name="versions">The run's versions already asked (apt-cache madison runs once per run, not for the key, the key after the fetch and the build each).</param>
    public static async Task<(string Package, string Version)?> DistributionPackageAsync(ICommandRunner runner, TargetContext context, KernelConfigBase configBase, FetchedSource source,
        DistributionConfigVersions versions)
    {
        if (configBase.Kind != KernelConfigBaseKind.Distribution || source.Identity.Kind != "apt-kernel" || DebianKernelConfigMerge.IsIn(source.Path)
            || DebianConfigPackage.For(source.Identity.Url) is not { } package)
            return null;
        return (package, await versions.VersionAsync(runner, context, package, source.Identity.Version ?? ""));
    }

    /// <summary>The distribution config file for the configurator (see <see cref="DistributionPackageAsync"/>), or null to merge the tree's own.</summary>
    public static async Task<string?> DistributionFileAsync(ICommandRunner runner, TargetContext context, KernelConfigBase configBase, FetchedSource source,
        DistributionConfigVersions versions, string folder)
    {
        if (await DistributionPackageAsync(runner, context, configBase, source, versions) is not var (package, version))
            return null;
        context.Log.Info($"--kernel-config distribution: Debian's {DebianKernelFlavour.Amd64.MergedFileName} from {package} {version}");
        return await new DebianConfigPackage(runner).ExtractAsync(package, version, DebianKernelFlavour.Amd64, folder, context.CancellationToken);
    }
}
