using SevStack.Testing;

namespace SevStack.Build.Tests;

/// <summary>
/// The component targets through the real command line with fixture sources (tiny trees that answer the same
/// make/configure/build calls): a second run restores every build from the cache, and a changed QEMU patch reruns
/// only the QEMU build.
/// </summary>
public sealed class ComponentCacheTests : IDisposable
{
    static readonly string Fixtures = Path.Combine(SharedData.RepositoryRoot, "tests", "SevStack.Components.Tests", "fixtures");

    readonly TempDirectory repository = new("sevstack-repo");
    readonly TempDirectory sources = new("sevstack-fixture-sources");
    readonly TempDirectory cache = new("sevstack-cache");

    string[] Arguments() =>
    [
        "BuildKernel", "BuildGuestKernel", "BuildQemu", "BuildOvmf", "--skip", "InstallBuildDeps", "--ccache", "false", "--kernel-config", "tinyconfig",
        "--kernel-source", GitSpec("kernel"), "--guest-kernel-source", GitSpec("kernel"), "--qemu-source", GitSpec("qemu"), "--ovmf-source", GitSpec("edk2"), "--allow-old-edk2",
        "--cache-dir", cache.Path, "--jobs", "1", "--update-lock",
    ];

    public ComponentCacheTests()
    {
        foreach (var tree in new[] { "kernel", "qemu", "edk2" })
        {
            var path = TreeCopy.Copy(Path.Combine(Fixtures, tree), sources.Combine(tree));
            GitTree.Run(path, "init", "-q", "-b", "main");
            GitTree.Run(path, "add", "-A");
            GitTree.Run(path, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "fixture", "--date", "2025-05-20T00:00:00Z");
        }
    }

    string GitSpec(string tree) => $"git+file://{sources.Combine(tree)}#main";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    // native: the same run through the natively compiled program build.sh makes (reflection and JSON without a JIT).
    public async Task Second_run_restores_every_build_from_the_cache_and_a_qemu_patch_reruns_only_qemu(bool native)
    {
        var first = await BuildProgram.RunIsolated(repository, native, Arguments());
        Assert.True(first.Exit == 0, first.Output);
        var kernelDeb = Directory.GetFiles(repository.Combine("artifacts", "work", "out", "BuildKernel"), "linux-image-*.deb").Single();

        var second = await BuildProgram.RunIsolated(repository, native, Arguments());
        Assert.True(second.Exit == 0, second.Output);
        foreach (var target in new[] { "BuildKernel", "BuildGuestKernel", "BuildQemu", "BuildOvmf" })
            Assert.Matches($@"{target}\s+.*Cached", SummaryRows.Row(second.Output, target));
        Assert.True(File.Exists(kernelDeb));

        repository.WriteFile("patches/qemu/series", "0001-version.patch\n");
        repository.WriteFile("patches/qemu/0001-version.patch", """
            --- a/VERSION
            +++ b/VERSION
            @@ -1 +1 @@
            -7.2.22
            +7.2.23
            """.Replace("            ", "") + "\n");
        var third = await BuildProgram.RunIsolated(repository, native, Arguments());
        Assert.True(third.Exit == 0, third.Output);
        Assert.Matches(@"BuildQemu\s+.*Succeeded", SummaryRows.Row(third.Output, "BuildQemu"));
        foreach (var target in new[] { "BuildKernel", "BuildGuestKernel", "BuildOvmf" })
            Assert.Matches($@"{target}\s+.*Cached", SummaryRows.Row(third.Output, target));
    }

    [Fact]
    public async Task A_restored_build_is_read_back_by_the_targets_that_consume_it()
    {
        Assert.Equal(0, (await BuildProgram.RunIsolated(repository, Arguments())).Exit);
        Directory.Delete(repository.Combine("artifacts", "work", "out"), recursive: true);

        var (exit, output) = await BuildProgram.RunIsolated(repository, [.. Arguments(), "--explain"]);

        Assert.True(exit == 0, output);
        var qemu = repository.Combine("artifacts", "work", "out", "BuildQemu", "staging", "opt", "sevstack", "bin", "qemu-system-x86_64");
        Assert.True(File.Exists(qemu), output);
        Assert.True(File.Exists(repository.Combine("artifacts", "work", "out", "BuildOvmf", "result.json")));
        Assert.Contains("cache hit", output);
    }


    public void Dispose()
    {
        repository.Dispose();
        sources.Dispose();
        cache.Dispose();
    }
}
