using SevStack.Testing;

namespace SevStack.Build.Tests.E2E.Workflow;

/// <summary>
/// build.yml played as a runner would (<see cref="WorkflowPlayer"/>): its component and package jobs, the same scripts in
/// the same order, each job in a fresh clone with an empty SevStack cache. The cache service holds the warm e2e cache's
/// entries (the keys match when <see cref="RealStack"/> built the components with this code, which the test makes sure of first), so the component builds are
/// restored by actions/cache and skipped, and the package job packages restored builds. The test job is not played: it
/// is the fast suite itself (./build.sh Test), run on its own.
/// </summary>
[Trait("Suite", "E2E")]
public sealed class WorkflowPlayTests
{
    static readonly string[] Components = ["BuildKernel", "BuildGuestKernel", "BuildQemu", "BuildKataQemu", "BuildOvmf"];

    [Fact]
    public async Task The_component_and_package_jobs_run_as_on_a_runner_and_upload_the_packages()
    {
        var stack = new RealStack();
        await stack.Chain.Value;
        // Every component the jobs build must be in the e2e cache, whichever e2e test would build it first (a changed key,
        // e.g. a new pin, otherwise leaves the job a miss when this test runs before the Kata ones).
        var components = await stack.RunAsync("workflow-components", Components);
        Assert.True(components.Exit == 0, components.Output);
        using var scratch = new TempDirectory("sevstack-workflow-play");
        var runnerVariables = new Dictionary<string, string>
        {
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
            ["HOME"] = Environment.GetEnvironmentVariable("HOME") ?? "/root",
            // The warm e2e cache was built with tinyconfig; the workflow's own default is defconfig.
            ["SEVSTACK_KERNEL_CONFIG"] = "tinyconfig",
            // A tinyconfig kernel is refused as a boot default: the installer of this play may set it anyway.
            ["SEVSTACK_ALLOW_UNBOOTABLE_KERNEL_DEFAULT"] = "true",
        };
        var player = new WorkflowPlayer(Path.Combine(SharedData.RepositoryRoot, ".github", "workflows", "build.yml"), scratch.Path, runnerVariables, stack.CacheDirectory);

        await player.PlayAsync(["component", "package"]);

        var log = string.Join("\n", player.Log.Select(s => $"[{s.Job}] {s.Step}: exit {s.Exit}\n{s.Output}"));
        Assert.All(player.Log, s => Assert.True(s.Exit == 0, log));
        foreach (var component in Components)
        {
            var job = player.Log.Where(s => s.Job == $"component ({component})").ToList();
            Assert.Contains(job, s => s.Step.StartsWith("actions/cache@", StringComparison.Ordinal) && s.Output.StartsWith($"Cache restored from key: sevstack-{component}-", StringComparison.Ordinal));
            Assert.DoesNotContain(job, s => s.Step.Contains("build-component.sh", StringComparison.Ordinal));
        }
        var package = player.Log.Single(s => s.Step == ".github/ci/package.sh").Output;
        foreach (var component in Components)
            Assert.Matches($@"\n\s*{component}\s+Cached\s", package);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(player.Uploads, "sevstack-debs", "artifacts", "debs"), "*.deb"));
        Assert.True(File.Exists(Path.Combine(player.Uploads, "sevstack-debs", "artifacts", "measurements.json")), log);
        Assert.True(File.Exists(Path.Combine(player.Uploads, "sevstack-debs", "artifacts", "installer", "install.sh")), log);
    }
}
