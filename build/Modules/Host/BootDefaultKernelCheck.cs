using SevStack.Components.Kernel;
using SevStack.Host;
using SevStack.Toolkit.Processes;

namespace SevStack.Build.Modules.Host;

/// <summary>
/// Where InstallHost finds the linux-image package it would make the boot default, to check its config
/// (<see cref="UnbootableKernelDefault"/>) before anything changes: in a --debs folder (known before the run) or in
/// PackageDebs' repository (known when InstallHost runs).
/// </summary>
static class BootDefaultKernelCheck
{
    /// <summary>The linux-image package among the packages to install, or null when none is.</summary>
    public static string? ImagePackage(IEnumerable<string> packages) =>
        packages.FirstOrDefault(n => n.StartsWith("linux-image-", StringComparison.Ordinal) && !n.EndsWith("-dbg", StringComparison.Ordinal));

    /// <summary>The .deb file of <paramref name="package"/> in a folder of .deb files (Debian's file naming: NAME_VERSION_ARCH.deb).</summary>
    public static string? InDebsFolder(string folder, string package) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder, package + "_*.deb").Order(StringComparer.Ordinal).LastOrDefault() : null;

    /// <summary>The .deb file of <paramref name="package"/> in a flat apt repository, or null when the repository is not there (a dry run's plan).</summary>
    public static string? InRepository(string folder, string package)
    {
        if (!File.Exists(Path.Combine(folder, "Packages")))
            return null;
        var repository = LocalRepository.Open(folder);
        return repository.Find(package) is { } found ? repository.PathOf(found) : null;
    }

    /// <summary>Before anything runs, with --debs: runs dpkg-deb logged in the run's startup log (no target's log exists yet).</summary>
    public static string? RefusalBeforeRun(IBuildLog startupLog, string debsFolder, IEnumerable<string> packages, GrubDefaultMode mode)
    {
        if (mode == GrubDefaultMode.No || ImagePackage(packages) is not { } image || InDebsFolder(debsFolder, image) is not { } deb)
            return null;
        var runner = new CliWrapCommandRunner(startupLog, Privilege.Detect());
        return UnbootableKernelDefault.RefusalAsync(runner, deb, Text(mode)).GetAwaiter().GetResult();
    }

    public static string Text(GrubDefaultMode mode) => mode.ToString().ToLowerInvariant();
}
