using SevStack.Build.Modules.Kernel;
using SevStack.Engine.Targets;
using SevStack.Testing;
using SevStack.Toolkit.Files;
using SevStack.Toolkit.Processes;

namespace SevStack.Build.Tests;

/// <summary>The distribution config's version is asked of apt once per run, though the key, the key after the fetch and the build each need it.</summary>
public sealed class DistributionConfigVersionsTests
{
    const string Madison = " linux-config-6.1 | 6.1.192-3 | http://deb.debian.org/debian-security bookworm-security/main amd64 Packages\n" +
        " linux-config-6.1 | 6.1.176-1 | http://deb.debian.org/debian bookworm/main amd64 Packages\n";

    [Fact]
    public async Task Apt_cache_madison_runs_once_per_package_for_the_key_the_second_key_and_the_build()
    {
        var runner = new ScriptedCommandRunner(new Dictionary<string, Func<CommandSpec, CommandResult>>
        {
            ["apt-cache"] = spec => ScriptedCommandRunner.Output(spec.Arguments[^1] == "linux-config-6.1" ? Madison : ""),
        });
        var versions = new DistributionConfigVersions();
        var log = new MemoryBuildLog();
        TargetContext Context() => new("BuildKernel", log, runner, new FileWriter(log), CancellationToken.None);

        var looked = await Task.WhenAll(versions.VersionAsync(runner, Context(), "linux-config-6.1", "6.1.176-1"), versions.VersionAsync(runner, Context(), "linux-config-6.1", "6.1.176-1"));
        var built = await versions.VersionAsync(runner, Context(), "linux-config-6.1", "6.1.176-1");
        var newer = await versions.VersionAsync(runner, Context(), "linux-config-6.1", "6.1.999-1");

        Assert.Equal(["6.1.176-1", "6.1.176-1"], looked);
        Assert.Equal("6.1.176-1", built);
        Assert.Equal("6.1.192-3", newer);
        Assert.Equal(2, runner.Calls.Count(c => c.Program == "apt-cache" && c.Arguments[0] == "madison"));
    }
}
