using SevStack.Components.BuildRoots;

namespace SevStack.Build.Tests.E2E;

/// <summary>
/// The repository root of the default profile built for another release (<c>--build-release debian-11</c>):
/// <c>$SEVSTACK_E2E_DEBIAN_11_ROOT</c>, else <c>/var/tmp/sevstack-e2e/debian-11/repo</c>, with its cache beside it (the
/// bullseye build root, QEMU 7.2 built in it, the kernel and OVMF built on this machine). Apart from
/// <see cref="RealStack"/>'s root: its QEMU build folder holds this machine's build, not bullseye's.
/// </summary>
public sealed class ReleaseStack
{
    public ReleaseStack(string release)
    {
        Release = TargetReleases.Find(release)!;
        Root = E2ERepositoryRoot.Prepare("SEVSTACK_E2E_" + release.Replace('-', '_').ToUpperInvariant() + "_ROOT", $"/var/tmp/sevstack-e2e/{release}/repo");
        CacheDirectory = Path.Combine(Path.GetDirectoryName(Root)!, "cache");
    }

    public TargetRelease Release { get; }
    public string Root { get; }
    public string CacheDirectory { get; }
    public string Artifacts => Path.Combine(Root, "artifacts");

    public BuildRootRecipe Recipe => new(Release, Release.DefaultMirror!);

    /// <summary>True when a run of <paramref name="targets"/> would restore each from the cache.</summary>
    public Task<bool> HasCachedBuildsAsync(params string[] targets) => CachedBuilds.HoldAsync(RunAsync, CacheDirectory, targets);

    /// <summary>The chain's kernel is tinyconfig, as in <see cref="RealStack"/>: no server boots it, so the installer is told it may be the default.</summary>
    public Task<(int Exit, string Output)> RunAsync(params string[] args) =>
        BuildProgram.Run([.. args, "--build-release", Release.Name, "--kernel-config", "tinyconfig", "--root", Root, "--cache-dir", CacheDirectory, "--no-color"]);
}
