using SevStack.Toolkit;
using SevStack.Toolkit.Processes;

namespace SevStack.Components.Kernel;

/// <summary>
/// Produces a flavour's <c>.config</c>: the base config, the SEV options through <c>scripts/config</c>,
/// the fragments, <c>make olddefconfig</c>, then a check that every requested option survived.
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

        var requested = RequestedSettings(request);
        await runner.RunAsync(new CommandSpec("bash", [Path.Combine(source, "scripts", "config"), .. ScriptsConfigArguments.For(config, requested)])
        {
            WorkingDirectory = obj,
        }, cancellationToken).ConfigureAwait(false);
        await runner.RunAsync(Make(request, source, obj, "olddefconfig"), cancellationToken).ConfigureAwait(false);

        if (!runner.IsDryRun)
            KernelConfigVerifier.Verify(config, source, requested, request.FragmentsDirectory ?? "patches/kernel");
        return new KernelConfigResult(config, requested);
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
            case KernelConfigBaseKind.Running:
                var release = (await runner.RunAsync(new CommandSpec("uname", "-r") { IsQuery = true }, cancellationToken).ConfigureAwait(false))
                    .StandardOutput.Trim();
                var running = Path.Combine(request.HostRoot, "boot", "config-" + release);
                if (!File.Exists(running))
                    throw new BuildException(
                        $"--kernel-config running needs the running kernel's config {running}, which does not exist; use --kernel-config defconfig, tinyconfig or file:PATH.");
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

    void CopyBase(string from, string config)
    {
        if (!runner.IsDryRun)
            File.Copy(from, config, overwrite: true);
    }

    static CommandSpec Make(KernelConfigRequest request, string source, string obj, string target) =>
        new("make", ["-C", source, "O=" + obj, target, .. KernelToolVariables.HostPrograms(request.CompilerCache)])
        {
            Environment = Ccache.CompilerCache.EnvironmentOf(request.CompilerCache),
        };
}
