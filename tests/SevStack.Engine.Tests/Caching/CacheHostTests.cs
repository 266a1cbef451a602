using SevStack.Engine.Caching;
using SevStack.Testing;

namespace SevStack.Engine.Tests.Caching;

public sealed class CacheHostTests : IDisposable
{
    readonly HostTestKit host = new();

    public void Dispose() => host.Dispose();

    string CacheDirectory => host.Root.Combine("cache");

    [Fact]
    public async Task Explain_says_which_fields_changed_for_each_rebuilt_target()
    {
        await host.RunAsync<CachedSampleBuild>("PackageDebs", "--cache-dir", CacheDirectory);

        var (exit, output, build) = await host.RunAsync<CachedSampleBuild>("PackageDebs", "--cache-dir", CacheDirectory, "--kernel-flavour", "kata-guest", "--explain");

        Assert.Equal(0, exit);
        Assert.Equal(["BuildKernel", "BuildQemu", "PackageDebs"], build.Ran);
        var explanation = output.Split('\n').SkipWhile(l => !l.StartsWith("Why targets were rebuilt", StringComparison.Ordinal)).TakeWhile(l => l.Trim().Length > 0);
        Approved.Verify(string.Join('\n', explanation), "explain");
    }

    [Fact]
    public async Task A_second_run_hits_and_the_summary_shows_the_key()
    {
        await host.RunAsync<CachedSampleBuild>("PackageDebs", "--cache-dir", CacheDirectory);

        var (exit, output, build) = await host.RunAsync<CachedSampleBuild>("PackageDebs", "--cache-dir", CacheDirectory, "--explain");

        Assert.Equal(0, exit);
        Assert.Equal(["PackageDebs"], build.Ran);
        Assert.Matches(@"BuildKernel\s+Cached\s+.*cache hit [0-9a-f]{8}", output);
        Assert.Matches(@"BuildQemu\s+Cached\s+.*cache hit [0-9a-f]{8}", output);
        Assert.Contains("  BuildQemu: cache hit ", output);
        Assert.Equal("BuildQemu host --target-list=x86_64-softmmu\n", File.ReadAllText(host.Root.Combine("artifacts", "staging", "qemu", "built")));
    }

    [Fact]
    public async Task No_cache_runs_every_body_and_stores_nothing()
    {
        await host.RunAsync<CachedSampleBuild>("PackageDebs", "--cache-dir", CacheDirectory);

        var (exit, _, build) = await host.RunAsync<CachedSampleBuild>("PackageDebs", "--cache-dir", CacheDirectory, "--no-cache", "--qemu-flags=--enable-kvm");

        Assert.Equal(0, exit);
        Assert.Equal(["BuildKernel", "BuildQemu", "PackageDebs"], build.Ran);
        Assert.Single(Directory.GetDirectories(Path.Combine(CacheDirectory, "BuildQemu")));
    }

    [Fact]
    public async Task Rebuild_takes_target_names_and_reruns_only_those()
    {
        await host.RunAsync<CachedSampleBuild>("PackageDebs", "--cache-dir", CacheDirectory);

        var (exit, _, build) = await host.RunAsync<CachedSampleBuild>("PackageDebs", "--cache-dir", CacheDirectory, "--rebuild", "buildkernel");

        Assert.Equal(0, exit);
        Assert.Equal(["BuildKernel", "PackageDebs"], build.Ran);
    }

    [Fact]
    public async Task A_second_build_in_the_same_artifacts_folder_waits_with_a_message()
    {
        Task<(int ExitCode, string Output, CachedSampleBuild Build)> second;
        using (FileLock.TryAcquire(host.Root.Combine("artifacts", ".build.lock")) ?? throw new InvalidOperationException("lock taken"))
        {
            second = host.RunAsync<CachedSampleBuild>("BuildKernel", "--cache-dir", CacheDirectory);
            await Task.Delay(300);
            Assert.False(second.IsCompleted);
        }
        var (exit, output, build) = await second;

        Assert.Equal(0, exit);
        Assert.StartsWith("waiting for another build that holds the artifacts folder (" + host.Root.Combine("artifacts", ".build.lock") + ")", output);
        Assert.Equal(["BuildKernel"], build.Ran);
    }

    [Fact]
    public async Task Rebuild_of_an_unknown_target_is_a_usage_error()
    {
        var (exit, output, build) = await host.RunAsync<CachedSampleBuild>("PackageDebs", "--cache-dir", CacheDirectory, "--rebuild", "BuildQemo");

        Assert.Equal(2, exit);
        Assert.StartsWith("error: Unknown target 'BuildQemo'", output);
        Assert.Empty(build.Ran);
    }

    [Fact]
    public async Task A_dry_run_neither_restores_nor_stores()
    {
        await host.RunAsync<CachedSampleBuild>("BuildKernel", "--cache-dir", CacheDirectory);

        var (exit, output, build) = await host.RunAsync<CachedSampleBuild>("BuildQemu", "--cache-dir", CacheDirectory, "--dry-run", "--explain");

        Assert.Equal(0, exit);
        Assert.Equal(["BuildKernel", "BuildQemu"], build.Ran);
        Assert.DoesNotContain("cache hit", output);
        Assert.False(Directory.Exists(Path.Combine(CacheDirectory, "BuildQemu")));
    }

    [Fact]
    public async Task The_cache_folder_comes_from_SEVSTACK_CACHE_DIR_then_XDG_then_HOME()
    {
        host.Environment["HOME"] = host.Root.Combine("home");
        var (_, _, fromHome) = await host.RunAsync<CachedSampleBuild>("BuildKernel");
        host.Environment["XDG_CACHE_HOME"] = host.Root.Combine("xdg");
        var (_, _, fromXdg) = await host.RunAsync<CachedSampleBuild>("BuildKernel");
        host.Environment["SEVSTACK_CACHE_DIR"] = CacheDirectory;
        var (_, _, fromVariable) = await host.RunAsync<CachedSampleBuild>("BuildKernel");

        Assert.Equal(host.Root.Combine("home", ".cache", "sevstack"), fromHome.CacheDirectory);
        Assert.Equal(host.Root.Combine("xdg", "sevstack"), fromXdg.CacheDirectory);
        Assert.Equal(CacheDirectory, fromVariable.CacheDirectory);
        Assert.True(Directory.Exists(Path.Combine(CacheDirectory, "BuildKernel")));
        Assert.Equal(["BuildKernel"], fromHome.Ran);
        Assert.Equal(["BuildKernel"], fromXdg.Ran);
        Assert.Equal(["BuildKernel"], fromVariable.Ran);
    }
}
