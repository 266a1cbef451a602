using System.Diagnostics;
using SevStack.Toolkit.Processes;
using SevStack.Testing;

namespace SevStack.Host.Tests;

/// <summary>apt/dpkg work waits for another package manager the way apt does, saying who holds the lock.</summary>
public sealed class PackageLockWaitTests
{
    [Fact]
    public async Task Preflight_waits_while_another_process_holds_the_dpkg_frontend_lock_and_goes_on_when_it_is_released()
    {
        using var root = new TempDirectory("sevstack-dpkg-lock");
        var lockFile = root.WriteFile("var/lib/dpkg/lock-frontend", "");
        using var holder = Process.Start(new ProcessStartInfo("flock", [lockFile, "sleep", "1"]))!;
        for (var i = 0; i < 100 && !File.ReadAllText("/proc/locks").Contains($" {holder.Id} ", StringComparison.Ordinal); i++)
            await Task.Delay(20);
        var log = new MemoryBuildLog();
        var privilege = new Privilege(IsRoot: true);

        await new Preflight(new TargetRoot(root.Path), new CliWrapCommandRunner(log, privilege), privilege).PackageLockFreeAsync(log, TimeSpan.FromSeconds(30));

        Assert.True(holder.HasExited);
        Assert.Contains($"waiting up to 30 s for the package manager lock {lockFile}, held by process {holder.Id} (flock)", log.Lines);
    }
}
