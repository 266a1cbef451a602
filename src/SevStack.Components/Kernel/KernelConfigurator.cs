using SevStack.Toolkit;
using SevStack.Toolkit.Processes;

namespace SevStack.Components.Kernel;

/// <summary>
/// Produces a flavour's <c>.config</c>: the base config (trimmed by <c>make localmodconfig</c> to a host's modules when
/// given), the SEV options through <c>scripts/config</c>, the fragments, <c>make olddefconfig</c>, then a check that
/// every requested option survived.
/// </summary>
public sealed class KernelConfigurator(ICommandRunner runner)
{
    public async Task<KernelConfigResult> ConfigureAsync(KernelConfigRequest request, CancellationToken cancellationToken = default)
    {
        var source = Path.GetFullPath(request.SourceTree);
        var obj = Path.GetFullPath(request.ObjectDirectory);
        var config = Path.Combine(obj, ".config");
        if (!PendingSourceTree.IsPending(runner, source) && !File.Exists(Path.Combine(source, "scripts", "config")))
            throw new BuildException($"{source} is not a kernel source tree (no scripts/config); point the build at the unpacked linux source.");
        KernelSecurityOptions.Validate(request, PendingSourceTree.IsPending(runner, source) ? null : KernelVersion.Read(source));
        if (!runner.IsDryRun)
            Directory.CreateDirectory(obj);

        await WriteBaseConfigAsync(request, source, obj, config, cancellationToken).ConfigureAwait(false);
        if (request.ModulesListing is { } listing)
            await TrimToModulesAsync(request, source, obj, listing, cancellationToken).ConfigureAwait(false);

        var requested = RequestedSettings(request);
        await runner.RunAsync(new CommandSpec("bash", [Path.Combine(source, "scripts", "config"), .. ScriptsConfigArguments.For(config, requested)])
        {
            WorkingDirectory = obj,
        }, cancellationToken).ConfigureAwait(false);
        await runner.RunAsync(Make(request, source, obj, "olddefconfig"), cancellationToken).ConfigureAwait(false);

        if (runner.IsDryRun)
            return new KernelConfigResult(config, requested);
        KernelConfigVerifier.Verify(config, source, requested, request.FragmentsDirectory ?? "patches/kernel");
        return new KernelConfigResult(config, requested)
        {
            MissingForBoot = request.Flavour == KernelFlavour.Host ? BootCriticalOptions.Missing(KernelConfigFile.Read(config)) : [],
        };
    }

    /// <summary>Everything asked of the config, in the order applied: base essentials, flavour, always, fragments.</summary>
    public static IReadOnlyList<KconfigSetting> RequestedSettings(KernelConfigRequest request)
    {
        var essentials = request.Base.Kind == KernelConfigBaseKind.Tinyconfig ? KernelSevOptions.TinyconfigEssentials(request.Flavour) : [];
        var flavour = KernelSecurityOptions.For(request);
        var fragments = KernelConfigFragments.Read(KernelConfigFragments.FilesIn(request.FragmentsDirectory));
        return ScriptsConfigArguments.Merge(essentials, flavour, KernelSevOptions.Always, fragments);
    }

    async Task WriteBaseConfigAsync(KernelConfigRequest request, string source, string obj, string config, CancellationToken cancellationToken)
    {
        var baseConfig = request.Base;
        switch (baseConfig.Kind)
        {
            case KernelConfigBaseKind.Defconfig:
            case KernelConfigBaseKind.Tinyconfig:
                await runner.RunAsync(Make(request, source, obj, baseConfig.ToString()), cancellationToken).ConfigureAwait(false);
                return;
            case KernelConfigBaseKind.Distribution:
                if (request.DistributionConfigFile is { } distribution)
                    CopyBase(distribution, config);
                else if (DebianKernelConfigMerge.IsIn(source))
                {
                    var merged = DebianKernelConfigMerge.Merge(DebianKernelConfigMerge.Files(source, DebianKernelFlavour.Amd64));
                    if (!runner.IsDryRun)
                        await File.WriteAllTextAsync(config, merged, cancellationToken).ConfigureAwait(false);
                }
                else if (!PendingSourceTree.IsPending(runner, source))
                    throw new BuildException(NoDistributionConfig(source));
                return;
            case KernelConfigBaseKind.Running:
                var release = (await runner.RunAsync(new CommandSpec("uname", "-r") { IsQuery = true }, cancellationToken).ConfigureAwait(false))
                    .StandardOutput.Trim();
                var running = Path.Combine(request.HostRoot, "boot", "config-" + release);
                if (!File.Exists(running))
                    throw new BuildException(
                        $"--kernel-config running needs the running kernel's config {running}, which does not exist; use --kernel-config distribution, defconfig, tinyconfig or file:PATH.");
                CopyBase(running, config);
                return;
            case KernelConfigBaseKind.File:
                var file = Path.GetFullPath(baseConfig.FilePath!);
                if (!File.Exists(file))
                    throw new BuildException($"--kernel-config file:{baseConfig.FilePath}: {file} does not exist; give the path of a kernel .config.");
                CopyBase(file, config);
                return;
        }
    }

    public static string NoDistributionConfig(string source) =>
        $"--kernel-config distribution: the kernel tree {source} carries no distribution config (no debian/config, as a git or tarball source does not); " +
        "use --kernel-config file:PATH (e.g. a distribution kernel's /boot/config-*), running, defconfig or tinyconfig.";

    /// <summary>
    /// <c>make localmodconfig</c> with the host's lsmod output. olddefconfig first: localmodconfig's <c>conf --oldconfig</c>
    /// would otherwise ask about every option the base does not set. The listing is read from a copy that is not
    /// executable: streamline_config.pl runs an executable LSMOD instead of reading it.
    /// </summary>
    async Task TrimToModulesAsync(KernelConfigRequest request, string source, string obj, string listing, CancellationToken cancellationToken)
    {
        await runner.RunAsync(Make(request, source, obj, "olddefconfig"), cancellationToken).ConfigureAwait(false);
        var copy = Path.Combine(obj, "sevstack-lsmod.txt");
        if (!runner.IsDryRun)
        {
            File.Copy(Path.GetFullPath(listing), copy, overwrite: true);
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
        await runner.RunAsync(Make(request, source, obj, "localmodconfig", "LSMOD=" + copy), cancellationToken).ConfigureAwait(false);
    }

    void CopyBase(string from, string config)
    {
        if (!runner.IsDryRun)
            File.Copy(from, config, overwrite: true);
    }

    static CommandSpec Make(KernelConfigRequest request, string source, string obj, string target, params string[] variables) =>
        new("make", ["-C", source, "O=" + obj, target, .. variables, .. KernelToolVariables.HostPrograms(request.CompilerCache)])
        {
            Environment = Ccache.CompilerCache.EnvironmentOf(request.CompilerCache),
        };
}
