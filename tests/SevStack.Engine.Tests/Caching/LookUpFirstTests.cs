using SevStack.Engine.Hosting;
using SevStack.Testing;

namespace SevStack.Engine.Tests.Caching;

/// <summary>LookUpFirst: a hit skips the fetch and the install that only the hit target needed; a miss runs them first.</summary>
public sealed class LookUpFirstTests : IDisposable
{
    readonly TempDirectory root = new("sevstack-look-up-first");

    public LookUpFirstTests() => Directory.CreateDirectory(root.Combine(".nuke"));

    public void Dispose() => root.Dispose();

    async Task<(int Exit, string Out, string Err, LookUpFirstSampleBuild Build)> RunAsync(params string[] args)
    {
        var build = new LookUpFirstSampleBuild();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var environment = new HostEnvironment(stdout, new Dictionary<string, string>(), root.Path, IsTerminal: false) { Error = stderr };
        var exit = await BuildHost.RunAsync(build, [.. args, "--cache-dir", root.Combine("cache")], new HostSettings(), environment, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString(), build);
    }

    [Fact]
    public async Task A_miss_runs_the_fetch_and_the_install_first_and_a_hit_skips_them()
    {
        var (missExit, _, _, miss) = await RunAsync("Package");
        Assert.Equal(0, missExit);
        Assert.Equal(["InstallDeps", "FetchSource", "BuildKernel", "Package"], miss.Ran);
        var stored = Assert.Single(Directory.GetDirectories(root.Combine("cache", "BuildKernel")));
        Assert.Contains("\"cc\": \"cc 2.0\"", File.ReadAllText(Path.Combine(stored, "manifest.json")));

        File.Delete(root.Combine("artifacts", "staging", "kernel", "built"));
        var (exit, output, _, hit) = await RunAsync("Package");

        Assert.Equal(0, exit);
        Assert.Equal(["Package"], hit.Ran);
        Assert.Equal("v1", File.ReadAllText(root.Combine("artifacts", "staging", "kernel", "built")));
        Assert.Matches(@"^\s*InstallDeps\s+Skipped\s+// not needed: BuildKernel was a cache hit$", SummaryRows.Row(output, "InstallDeps"));
        Assert.Matches(@"^\s*FetchSource\s+Skipped\s+// not needed: BuildKernel was a cache hit$", SummaryRows.Row(output, "FetchSource"));
        Assert.Matches(@"BuildKernel\s+Cached\s", output);

        var (changedExit, _, _, changed) = await RunAsync("Package", "--revision", "v2");
        Assert.Equal(0, changedExit);
        Assert.Equal(["InstallDeps", "FetchSource", "BuildKernel", "Package"], changed.Ran);
    }

    [Fact]
    public async Task A_key_that_reads_a_dependency_s_output_is_looked_up_after_the_dependencies_run()
    {
        await RunAsync("BuildKernel", "BuildQemu");

        var (exit, output, _, build) = await RunAsync("BuildKernel", "BuildQemu");

        Assert.Equal(0, exit);
        Assert.Equal(["InstallDeps", "FetchSource"], build.Ran);
        Assert.Contains("cache: looked up after the dependencies run, as its cache key reads source tree, which FetchSource has not made yet", output);
        Assert.Matches(@"BuildKernel\s+Cached\s", output);
        Assert.Matches(@"BuildQemu\s+Cached\s", output);
    }

    [Fact]
    public async Task A_build_that_hit_under_a_hit_consumer_is_cached_not_skipped()
    {
        await RunAsync("Bundle");

        var (exit, output, _, build) = await RunAsync("Bundle");

        Assert.Equal(0, exit);
        Assert.Empty(build.Ran);
        Assert.Matches(@"^\s*BuildKernel\s+Cached\s", SummaryRows.Row(output, "BuildKernel"));
        Assert.Matches(@"^\s*Bundle\s+Cached\s", SummaryRows.Row(output, "Bundle"));
        Assert.Matches(@"^\s*FetchSource\s+Skipped\s+// not needed: BuildKernel, Bundle were cache hits$", SummaryRows.Row(output, "FetchSource"));
    }

    [Fact]
    public async Task Print_cache_key_runs_the_dependencies_so_that_it_prints_the_key_a_build_stores_under()
    {
        var (exit, stdout, _, build) = await RunAsync("BuildKernel", "--print-cache-key");

        Assert.Equal(0, exit);
        Assert.Equal(["InstallDeps", "FetchSource"], build.Ran);
        var key = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Split(' ')[1];
        File.Delete(root.Combine("artifacts", "installed-cc"));
        await RunAsync("BuildKernel");
        Assert.True(Directory.Exists(root.Combine("cache", "BuildKernel", key)));
    }
}
