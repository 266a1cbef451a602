using SevStack.Components.BuildRoots;

namespace SevStack.Build.Tests.E2E;

/// <summary>
/// The repository root of the SNP profile's e2e builds: <c>$SEVSTACK_E2E_SNP_ROOT</c>, else
/// <c>/var/tmp/sevstack-e2e/snp/repo</c>, with its cache beside it (the trixie build root and the QEMU 10 build live
/// there between runs). Apart from <see cref="RealStack"/>'s root: the profiles' work trees (QEMU 7.2 and 10.0) differ.
/// </summary>
public sealed class SnpStack
{
    public SnpStack()
    {
        Root = E2ERepositoryRoot.Prepare("SEVSTACK_E2E_SNP_ROOT", "/var/tmp/sevstack-e2e/snp/repo");
        CacheDirectory = Path.Combine(Path.GetDirectoryName(Root)!, "cache");
    }

    public string Root { get; }
    public string CacheDirectory { get; }
    public string Out(string target) => Path.Combine(Root, "artifacts", "work", "out", target);

    public static BuildRootRecipe Trixie { get; } = new(TargetReleases.Find("debian-13")!, TargetReleases.Find("debian-13")!.DefaultMirror!);

    public BuildRoot BuildRoot => new(Path.Combine(CacheDirectory, "build-roots", Trixie.Key), Trixie);

    /// <summary>True when a run of <paramref name="targets"/> with <paramref name="arguments"/> would restore each from the cache.</summary>
    public Task<bool> HasCachedBuildsAsync(string[] targets, params string[] arguments) =>
        CachedBuilds.HoldAsync(extra => RunAsync([.. extra, .. arguments]), CacheDirectory, targets);

    public Task<(int Exit, string Output)> RunAsync(params string[] args) =>
        BuildProgram.Run([.. args, "--profile", "snp", "--root", Root, "--cache-dir", CacheDirectory, "--no-color"]);
}
