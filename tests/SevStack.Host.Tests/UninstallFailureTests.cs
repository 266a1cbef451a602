using System.Diagnostics;
using SevStack.Toolkit.Processes;
using SevStack.Host.Tests.Support;
using SevStack.Testing;

namespace SevStack.Host.Tests;

/// <summary>UninstallHost refuses with one clear line and leaves the installed root exactly as it was; its dry run only prints.</summary>
public sealed class UninstallFailureTests(InstalledRoot installed) : IClassFixture<InstalledRoot>
{
    [Fact]
    public async Task A_read_only_sysroot_is_refused_before_any_change()
    {
        var root = installed.Root;
        Shell.Run("mount", "--bind", root.Path, root.Path);
        try
        {
            Shell.Run("mount", "-o", "remount,bind,ro", root.Path);
            var message = await InstallFailureTests.FailsLeavingRootUnchanged(root, () => new HostHarness(root.Path).Uninstaller().UninstallAsync());
            Assert.Equal($"{root.Path}/etc is not writable (read-only file system?); remount {root.Path} read-write or pass a writable --sysroot", message);
        }
        finally
        {
            Shell.Run("umount", root.Path);
        }
    }

    [Fact]
    public async Task A_held_dpkg_lock_names_the_process_holding_it()
    {
        var root = installed.Root;
        var lockFile = root.Map("/var/lib/dpkg/lock");
        using var holder = Process.Start(new ProcessStartInfo("flock", [lockFile, "sleep", "60"]))!;
        try
        {
            for (var i = 0; i < 100 && !File.ReadAllText("/proc/locks").Contains($" {holder.Id} ", StringComparison.Ordinal); i++)
                await Task.Delay(20);
            var message = await InstallFailureTests.FailsLeavingRootUnchanged(root, () => new HostHarness(root.Path, packageLockWait: TimeSpan.FromSeconds(1)).Uninstaller().UninstallAsync());
            Assert.Equal($"the package manager lock {lockFile} is held by process {holder.Id} (flock) after waiting 1 s; wait for it to finish (or close the other package manager) and run again", message);
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task Without_root_and_without_usable_sudo_it_explains_what_to_do()
    {
        var root = installed.Root;
        using var temp = new TempDirectory("sevstack-host-nosudo");
        var fakeSudo = temp.WriteFile("sudo", "#!/bin/sh\necho 'sudo: a password is required' >&2\nexit 1\n");
        File.SetUnixFileMode(fakeSudo, (UnixFileMode)0b111_101_101);
        var notRoot = new Privilege(IsRoot: false);
        var harness = new HostHarness(root.Path, privilege: notRoot, runner: new FakeSudoRunner(new CliWrapCommandRunner(new MemoryBuildLog(), notRoot), notRoot, fakeSudo));

        var message = await InstallFailureTests.FailsLeavingRootUnchanged(root, () => harness.Uninstaller().UninstallAsync());

        Assert.Equal("UninstallHost needs root for apt-get, dpkg and files under /etc and /boot, but 'sudo -n true' failed (sudo: a password is required); "
            + "run it as root, or run 'sudo -v' first (or allow passwordless sudo for this user), or use --dry-run to only see the commands", message);
    }

    [Fact]
    public async Task A_dry_run_prints_the_purge_the_restored_files_and_the_deletions_and_changes_nothing()
    {
        var root = installed.Root;
        var before = RootSnapshot.Take(root.Path, contentOnly: false);
        var harness = new HostHarness(root.Path, dryRun: true);

        await harness.Uninstaller().UninstallAsync();

        Assert.Empty(before.Differences(RootSnapshot.Take(root.Path, contentOnly: false)));
        Approved.Verify(string.Join("\n", harness.Log.Lines).Replace(root.Path, "<root>", StringComparison.Ordinal), "uninstall");
    }
}
