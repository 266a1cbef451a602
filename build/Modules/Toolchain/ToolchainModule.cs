using SevStack.Components.BuildDeps;
using SevStack.Components.Ccache;

namespace SevStack.Build.Modules.Toolchain;

/// <summary>
/// What the component builds share: their Debian build dependencies (each build stage names its own,
/// <see cref="INeedsBuildPackages"/>), parallel jobs and the compiler cache.
/// </summary>
sealed class ToolchainModule(IStackSettings settings) : IBuildModule
{
    [Parameter("Parallel jobs of make and edk2's build (default: the number of cores)")]
    [ValueRange(1, 4096)]
    public int Jobs { get; init; } = Environment.ProcessorCount;

    [Parameter("Compile the kernels and QEMU through ccache (Debian's package), its store under the cache folder")]
    public bool Ccache { get; init; } = true;

    /// <summary>ccache under the cache folder, with the remote cache (--cache-url) as its remote storage.</summary>
    public CompilerCache? CompilerCache => Ccache
        ? new CompilerCache(Path.Combine(settings.Run.CacheDirectory, "ccache"), settings.WorkDirectory) { Remote = settings.Run.RemoteCache }
        : null;

    public Target InstallBuildDeps => _ => _
        .Description("Install the Debian packages the kernel, QEMU (both flavours), OVMF builds and the smoke boot need (only the missing ones)")
        .UsesExclusive("apt")
        .Executes(async context =>
        {
            var needed = settings.Run.Modules.OfType<INeedsBuildPackages>().SelectMany(m => m.BuildComponents).Concat(Ccache ? [BuildComponent.CompilerCache] : []);
            var installed = await new BuildDependencyInstaller(context.Runner).InstallMissingAsync(DebianBuildPackages.For(needed), context.CancellationToken);
            context.Note = installed.Count == 0 ? "nothing missing" : $"{installed.Count} installed";
        });
}
