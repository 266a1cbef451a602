using SevStack.Toolkit;
using SevStack.Toolkit.Processes;

namespace SevStack.Components.Kernel;

/// <summary>Builds a configured kernel: the host flavour as .deb packages, the guest flavour as bzImage + vmlinux.</summary>
public sealed class KernelBuilder(ICommandRunner runner)
{
    /// <summary><c>make bindeb-pkg</c>; the packages land in the parent of O= and are collected by their exact names.</summary>
    public async Task<KernelPackages> BuildHostPackagesAsync(KernelBuildRequest request, CancellationToken cancellationToken = default)
    {
        var (source, obj) = CheckConfigured(request, runner.IsDryRun);
        var packageVersion = request.PackageVersion ?? $"{VersionOf(request, source)}{request.LocalVersion}-1";
        // dpkg-deb's default, xz -6, spends 15 s on linux-headers' 62 MB; -1 takes 1.6 s for a package 20% larger.
        var make = await PrepareMakeAsync(request, source, obj, packageVersion, new() { ["DPKG_DEB_COMPRESSOR_LEVEL"] = "1" }, cancellationToken)
            .ConfigureAwait(false);
        // bindeb-pkg snapshots scripts/ into linux-headers before it makes linux-libc-dev, which builds scripts/unifdef:
        // without this the first build's headers lack unifdef and every later build's have it.
        await runner.RunAsync(make(["scripts_unifdef"]), cancellationToken).ConfigureAwait(false);
        await runner.RunAsync(make(["bindeb-pkg"]), cancellationToken).ConfigureAwait(false);

        var release = ReadKernelRelease(request, source, obj);
        var folder = Path.GetDirectoryName(obj)!;
        string Deb(string package) => Path.Combine(folder, $"{package}_{packageVersion}_{request.DebianArchitecture}.deb");
        var packages = new KernelPackages(
            release,
            packageVersion,
            Deb("linux-image-" + release),
            ModulesEnabled(obj) || runner.IsDryRun ? Deb("linux-headers-" + release) : null,
            Deb("linux-libc-dev"));
        if (!runner.IsDryRun)
            BuildOutputs.RequireNonEmpty("kernel bindeb-pkg in " + obj, packages.All);
        return packages;
    }

    /// <summary><c>make bzImage vmlinux</c> for the guest flavour.</summary>
    public async Task<KernelImages> BuildGuestImagesAsync(KernelBuildRequest request, CancellationToken cancellationToken = default)
    {
        var (source, obj) = CheckConfigured(request, runner.IsDryRun);
        var packageVersion = request.PackageVersion ?? $"{VersionOf(request, source)}{request.LocalVersion}-1";
        var make = await PrepareMakeAsync(request, source, obj, packageVersion, [], cancellationToken).ConfigureAwait(false);
        await runner.RunAsync(make(["bzImage", "vmlinux"]), cancellationToken).ConfigureAwait(false);
        var images = new KernelImages(
            ReadKernelRelease(request, source, obj),
            Path.Combine(obj, "arch", "x86", "boot", "bzImage"),
            Path.Combine(obj, "vmlinux"));
        if (!runner.IsDryRun)
            BuildOutputs.RequireNonEmpty("kernel build in " + obj, [images.BzImage, images.Vmlinux]);
        return images;
    }

    static (string Source, string Obj) CheckConfigured(KernelBuildRequest request, bool dryRun)
    {
        var source = Path.GetFullPath(request.SourceTree);
        var obj = Path.GetFullPath(request.ObjectDirectory);
        if (!dryRun && !File.Exists(Path.Combine(obj, ".config")))
            throw new BuildException($"{obj} has no .config; configure the kernel (KernelConfigurator) before building it.");
        return (source, obj);
    }

    /// <summary>Readies the O= folder for this build's variables and environment, once; returns the make command for some targets.</summary>
    async Task<Func<string[], CommandSpec>> PrepareMakeAsync(KernelBuildRequest request, string source, string obj, string packageVersion,
        Dictionary<string, string?> packagingEnvironment, CancellationToken cancellationToken)
    {
        var environment = ReproducibleKernelEnvironment.For(request, packageVersion);
        foreach (var (name, value) in Ccache.CompilerCache.EnvironmentOf(request.CompilerCache).Concat(packagingEnvironment))
            environment[name] = value;
        string[] variables = ["LOCALVERSION=" + request.LocalVersion, .. KernelToolVariables.Build(request.CompilerCache)];

        await KernelBuildTreeStamp.PrepareAsync(runner, obj, KernelBuildTreeStamp.Describe(variables, environment), cancellationToken).ConfigureAwait(false);
        return targets => new CommandSpec("make", ["-C", source, "O=" + obj, $"-j{request.Jobs}", .. targets, .. variables])
        {
            Environment = environment,
        };
    }

    /// <summary>The release the build itself recorded, so package names match what bindeb-pkg wrote.</summary>
    string ReadKernelRelease(KernelBuildRequest request, string source, string obj)
    {
        var file = Path.Combine(obj, "include", "config", "kernel.release");
        if (File.Exists(file))
            return File.ReadAllText(file).Trim();
        if (runner.IsDryRun)
            return VersionOf(request, source) + request.LocalVersion;
        throw new BuildException($"{file} is missing after the kernel build; the build in {obj} did not run to the end.");
    }

    /// <summary>The tree's Makefile version; in a dry run whose tree is not there yet, the version the sources stage says it will be.</summary>
    string VersionOf(KernelBuildRequest request, string source) =>
        PendingSourceTree.IsPending(runner, source)
            ? request.PlannedVersion ?? throw new BuildException($"{source} is not there yet and the dry run was given no kernel version to plan with.")
            : KernelVersion.Read(source);

    static bool ModulesEnabled(string obj) =>
        File.Exists(Path.Combine(obj, ".config")) && KernelConfigFile.Read(Path.Combine(obj, ".config"))["MODULES"] == "y";
}
