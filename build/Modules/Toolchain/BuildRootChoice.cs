using SevStack.Components.BuildRoots;
using SevStack.Engine.Caching;
using SevStack.Sources.Apt;
using SevStack.Toolkit;
using SevStack.Toolkit.Processes;

namespace SevStack.Build.Modules.Toolchain;

/// <summary>
/// Where the component builds run: on this machine (no --build-release), or inside the build root of the release,
/// with the folders a build reads and writes (cache, artifacts with the work trees, the checkout with patches/) bound
/// at their own paths. Stages swap their runner for <see cref="Runner"/> and add <see cref="CacheInput"/> to their keys.
/// </summary>
sealed class BuildRootChoice(IStackSettings settings, TargetRelease? release, string? mirror)
{
    public BuildRootRecipe? Recipe => release is null ? null
        : new BuildRootRecipe(release, mirror ?? release.DefaultMirror ?? throw new BuildException(MissingMirror!));

    /// <summary>A release without a default mirror (Ubuntu's) and no --build-root-mirror: one line naming the flag; null when there is a mirror.</summary>
    public string? MissingMirror => release is { DefaultMirror: null } && mirror is null
        ? $"--build-release {release.Name} has no default mirror: name the {release.Suite} archive its build root is debootstrapped from with --build-root-mirror (e.g. http://archive.ubuntu.com/ubuntu)"
        : null;

    public BuildRootStore Store(TargetContext context) => new(context.Runner, context.Log, settings.Run.CacheDirectory);

    public BuildRoot? Root(TargetContext context) => Recipe is { } recipe ? Store(context).For(recipe) : null;

    /// <summary>The folders bound into the root: what the commands of a build name by path.</summary>
    public IReadOnlyList<string> SharedDirectories =>
        [settings.Run.CacheDirectory, settings.Run.ArtifactsDirectory, settings.Run.RootDirectory];

    /// <summary>The target's runner, or one that runs each command inside the build root.</summary>
    public ICommandRunner Runner(TargetContext context) =>
        Root(context) is { } root ? new BuildRootRunner(context.Runner, root, SharedDirectories) : context.Runner;

    /// <summary>
    /// Where PackageDebs runs dpkg-shlibdeps with --build-release: in the root, with this machine's temporary folder (where
    /// the packages are assembled) bound too; null without a build root (this machine's).
    /// </summary>
    public ICommandRunner? PackagingRunner(TargetContext context) =>
        Root(context) is { } root ? new BuildRootRunner(context.Runner, root, [.. SharedDirectories, Path.GetTempPath()]) : null;

    /// <summary>The root's apt for sources (apt-get source inside it), or this machine's.</summary>
    public AptEnvironment Apt(TargetContext context) => Root(context) is { } root ? AptEnvironment.InRoot(root.Directory) : AptEnvironment.System;

    /// <summary>
    /// The build root's recipe and the versions of the packages the build can use there (<see cref="KeyInput"/>) join
    /// the key of a build that runs in it; without --build-release nothing is added, so keys of builds for this machine
    /// stay as they were.
    /// </summary>
    public CacheDeclaration CacheInput(CacheDeclaration cache, IEnumerable<BuildComponent> components) => release is null ? cache
        : cache.Input("build-root", context => Task.FromResult(KeyInput(Root(context), DebianBuildPackages.For(components.Append(BuildComponent.CompilerCache)))));

    /// <summary>
    /// The recipe's identity (release, suite, mirror) and a hash of <see cref="BuildRootPackages.Closure"/> of
    /// <paramref name="packages"/> in the root's dpkg status: what another build installs into the root changes only
    /// its own key.
    /// </summary>
    public static string? KeyInput(BuildRoot? root, IEnumerable<string> packages) => root is null ? null
        : root.IsMade ? $"{root.Recipe.Identity} packages:sha256:{FileHashes.Sha256Text(string.Join('\n', BuildRootPackages.Closure(File.ReadAllText(root.Map("/var/lib/dpkg/status")), packages)))}"
        : $"{root.Recipe.Identity} (not made yet)";
}
