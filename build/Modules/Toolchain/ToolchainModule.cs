using SevStack.Components.BuildRoots;
using SevStack.Components.Ccache;
using SevStack.Toolkit.Processes;

namespace SevStack.Build.Modules.Toolchain;

/// <summary>
/// What the component builds share: their Debian build dependencies (each build stage names its own,
/// <see cref="INeedsBuildPackages"/>), parallel jobs, the compiler cache, and the release they are built for
/// (--build-release: inside a build root of that release, <see cref="BuildRoots"/>).
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

    [Parameter("Build the packages for this release (debian-11, debian-12, debian-13; ubuntu-18.04, ubuntu-20.04, ubuntu-22.04, ubuntu-24.04 with --build-root-mirror) inside a clean build root of it: debootstrapped once into the cache folder, its build dependencies and sources from that release, each command run in it with bwrap (default: for this machine, no build root)")]
    public BuildReleaseSetting? BuildRelease { get; init; }

    [Parameter("Mirror the build root of --build-release is debootstrapped from and whose deb and deb-src entries its own apt reads (default for Debian: http://deb.debian.org/debian; Ubuntu's has none, name one)")]
    public WebAddress? BuildRootMirror { get; init; }

    /// <summary>Where builds run: this machine, or the build root of --build-release.</summary>
    public BuildRootChoice BuildRoots => new(settings, BuildRelease?.Release, BuildRootMirror?.Value);

    public Target PrepareBuildRoot => _ => _
        .Description("Make the build root of --build-release (debootstrap's minbase variant, its own deb and deb-src entries) in the cache folder, or reuse the one made before")
        .OnlyWhenStatic(() => BuildRelease is not null, "no --build-release: the packages are built on this machine")
        .Requires(() => BuildRoots.MissingMirror is null, () => BuildRoots.MissingMirror!)
        .UsesExclusive("apt")
        .Executes(async context =>
        {
            await new BuildDependencyInstaller(context.Runner).InstallMissingAsync(DebianBuildPackages.For(BuildComponent.BuildRoot), context.CancellationToken);
            var outcome = await BuildRoots.Store(context).EnsureAsync(BuildRoots.Recipe!, context.CancellationToken);
            context.Note = context.IsDryRun && outcome.Made ? $"would make {outcome.Root.Directory}"
                : outcome.Made ? $"made {outcome.Root.Directory} in {outcome.Duration.TotalSeconds:0} s" : $"reused {outcome.Root.Directory}";
        });

    /// <summary>
    /// True when <paramref name="stage"/>'s builds run in the build root of --build-release: it can, and the release does
    /// not build its components on this machine (<see cref="TargetRelease.BuiltOnThisMachine"/>).
    /// </summary>
    public bool BuildsInRoot(INeedsBuildPackages stage) => BuildRelease is { } release && stage.BuildsInBuildRoot &&
        !stage.BuildComponents.Any(release.Release.BuiltOnThisMachine.Contains);

    /// <summary>Where <paramref name="stage"/>'s builds run: the build root of --build-release, or this machine.</summary>
    public BuildRootChoice BuildRootsOf(INeedsBuildPackages stage) => BuildsInRoot(stage) ? BuildRoots : new(settings, null, null);

    /// <summary>
    /// True when <paramref name="component"/> is built in the build root of --build-release, so its source comes from the
    /// root's apt; a source built on this machine is fetched with this machine's.
    /// </summary>
    public bool FetchesInBuildRoot(SourceComponent component) =>
        settings.Run.Modules.OfType<INeedsBuildPackages>().Any(stage => BuildsInRoot(stage) && stage.SourceComponents.Contains(component));

    /// <summary>What runs before a target that may use the build root: PrepareBuildRoot with --build-release, nothing (not even a skipped row) without it.</summary>
    public Target[] BuildRootFirst => BuildRelease is null ? [] : [PrepareBuildRoot];

    public Target InstallBuildDeps => _ => _
        .Description("Install the Debian packages the kernel, QEMU (both flavours), OVMF builds and the smoke boot need (only the missing ones; into the build root with --build-release)")
        .DependsOn(BuildRootFirst)
        .UsesExclusive("apt")
        .Executes(async context =>
        {
            var stages = settings.Run.Modules.OfType<INeedsBuildPackages>().ToList();
            var inRoot = stages.Where(BuildsInRoot).ToList();
            var installed = await InstallAsync(context.Runner, stages.Except(inRoot), context);
            if (inRoot.Count > 0)
            {
                // First, so the release's own older version (e.g. bullseye's meson) is not installed on the way.
                installed += (await new PinnedToolInstaller(BuildRoots.Runner(context), context.Log)
                    .InstallAsync(BuildRelease!.Release.PinnedTools, context.CancellationToken)).Count;
                installed += await InstallAsync(BuildRoots.Runner(context), inRoot, context);
            }
            context.Note = (installed == 0 ? "nothing missing" : $"{installed} installed") + (inRoot.Count > 0 ? $"; {string.Join(", ", inRoot.SelectMany(s => s.BuildComponents))} in the {BuildRelease} build root" : "");
        });

    async Task<int> InstallAsync(ICommandRunner runner, IEnumerable<INeedsBuildPackages> stages, TargetContext context)
    {
        var needed = stages.SelectMany(m => m.BuildComponents);
        var packages = DebianBuildPackages.For(needed.Concat(Ccache ? [BuildComponent.CompilerCache] : []));
        return (await new BuildDependencyInstaller(runner).InstallMissingAsync(packages, context.CancellationToken)).Count;
    }
}
