using SevStack.Engine.Hosting;
using SevStack.Testing;

namespace SevStack.Engine.Tests.Caching;

/// <summary>--print-cache-key: the key a run would store under, on standard output alone, with only what the key needs run.</summary>
public sealed class PrintCacheKeyTests : IDisposable
{
    readonly TempDirectory root = new("sevstack-print-key");

    public PrintCacheKeyTests() => Directory.CreateDirectory(root.Combine(".nuke"));

    public void Dispose() => root.Dispose();

    string CacheDirectory => root.Combine("cache");

    async Task<(int Exit, string Out, string Err, FetchingSampleBuild Build)> RunAsync(params string[] args)
    {
        var build = new FetchingSampleBuild();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var environment = new HostEnvironment(stdout, new Dictionary<string, string>(), root.Path, IsTerminal: false) { Error = stderr };
        var exit = await BuildHost.RunAsync(build, [.. args, "--cache-dir", CacheDirectory], new HostSettings(), environment, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString(), build);
    }

    [Fact]
    public async Task It_prints_the_key_the_build_then_stores_under_running_only_the_targets_the_key_needs()
    {
        var (exit, stdout, stderr, build) = await RunAsync("BuildKernel", "--print-cache-key");

        Assert.Equal(0, exit);
        Assert.Equal(["FetchSource", "InstallDeps"], build.Ran.Order());
        var line = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches("^BuildKernel [0-9a-f]{64}$", line);
        Assert.Contains($"BuildKernel skipped (--print-cache-key: key {line[12..20]})", stderr);
        Assert.False(Directory.Exists(Path.Combine(CacheDirectory, "BuildKernel")));

        var (built, _, _, buildRun) = await RunAsync("BuildKernel");
        Assert.Equal(0, built);
        Assert.Contains("BuildKernel", buildRun.Ran);
        Assert.Equal(line.Split(' ')[1], Path.GetFileName(Assert.Single(Directory.GetDirectories(Path.Combine(CacheDirectory, "BuildKernel")))));

        var (_, changed, _, _) = await RunAsync("BuildKernel", "--print-cache-key", "--revision", "v2");
        Assert.NotEqual(line, changed.Trim());
    }

    [Fact]
    public async Task A_target_without_a_key_is_refused_in_one_line_before_anything_runs()
    {
        var (exit, stdout, stderr, build) = await RunAsync("PackageDebs", "--print-cache-key");

        Assert.Equal(2, exit);
        Assert.Empty(build.Ran);
        Assert.Equal("", stdout);
        Assert.Equal("error: --print-cache-key: PackageDebs is not cacheable and has no key: name cacheable targets only (see --help)", stderr.Trim());
    }
}
