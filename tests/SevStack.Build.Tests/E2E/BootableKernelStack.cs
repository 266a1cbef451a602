namespace SevStack.Build.Tests.E2E;

/// <summary>
/// The repository root of the bootable host kernel's e2e build: <c>$SEVSTACK_E2E_BOOTABLE_ROOT</c>, else
/// <c>/var/tmp/sevstack-e2e/bootable/repo</c>, with its cache beside it. Apart from <see cref="RealStack"/>'s root, whose
/// BuildKernel output is the chain's tinyconfig kernel. <c>bench/kernel-configs.sh</c> run with this root and
/// <c>SEVSTACK_CACHE_DIR</c> at this cache primes it with the same build.
/// </summary>
public sealed class BootableKernelStack
{
    public BootableKernelStack()
    {
        Root = E2ERepositoryRoot.Prepare("SEVSTACK_E2E_BOOTABLE_ROOT", "/var/tmp/sevstack-e2e/bootable/repo");
        CacheDirectory = Path.Combine(Path.GetDirectoryName(Root)!, "cache");
    }

    public string Root { get; }
    public string CacheDirectory { get; }
    public string Out(string target) => Path.Combine(Root, "artifacts", "work", "out", target);

    /// <summary>The bootable kernel's configuration: Debian's own for the fetched tree, trimmed to a typical EPYC server's lsmod.</summary>
    public static string[] TrimmedDistribution => ["--kernel-config", "distribution", "--kernel-modules", KernelConfigParameterTests.EpycServerLsmod];

    public Task<bool> HasCachedBuildsAsync(string[] targets, params string[] arguments) =>
        CachedBuilds.HoldAsync(extra => RunAsync([.. extra, .. arguments]), CacheDirectory, targets);

    public Task<(int Exit, string Output)> RunAsync(params string[] args) =>
        BuildProgram.Run([.. args, "--root", Root, "--cache-dir", CacheDirectory, "--no-color"]);
}
