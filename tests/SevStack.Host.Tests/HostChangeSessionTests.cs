using SevStack.Toolkit;
using SevStack.Toolkit.Files;
using SevStack.Toolkit.Processes;
using SevStack.Host.Tests.Support;
using SevStack.Testing;

namespace SevStack.Host.Tests;

/// <summary>The bookkeeping ConfigureKata and ConfigureDocker run in: checks first, recorded beside InstallHost, rolled back on failure.</summary>
public sealed class HostChangeSessionTests
{
    const string DaemonJson = "/etc/docker/daemon.json";
    const string UserDaemonJson = "{\n  \"debug\": true\n}\n";
    const string Merged = "{\n  \"debug\": true,\n  \"default-runtime\": \"kata\"\n}\n";

    static TempDirectory RootWithDaemonJson()
    {
        var root = new TempDirectory("sevstack-host-session");
        root.WriteFile("etc/docker/daemon.json", UserDaemonJson);
        Directory.CreateDirectory(root.Combine("var/lib"));
        return root;
    }

    static HostChangeSession Session(string root, MemoryBuildLog log, Privilege? privilege = null, ICommandRunner? runner = null)
    {
        privilege ??= new Privilege(IsRoot: true);
        return new HostChangeSession(new TargetRoot(root), runner ?? new CliWrapCommandRunner(log, privilege), new FileWriter(log), privilege, log);
    }

    [Fact]
    public async Task Changes_are_recorded_beside_what_InstallHost_recorded_and_a_rerun_records_nothing_new()
    {
        using var root = RootWithDaemonJson();
        var installHost = new HostChangeRecord { CreatedFiles = ["/etc/modprobe.d/sevstack-kvm.conf", HostChangeRecord.StatePath], CreatedDirectories = ["/var/lib/sevstack"] };
        root.WriteFile("var/lib/sevstack/state.json", installHost.ToJson());
        var log = new MemoryBuildLog();

        Assert.True(await Session(root.Path, log).RunAsync("ConfigureDocker", "files under /etc/docker", changes => changes.WriteAsync(DaemonJson, Merged)));
        var state = File.ReadAllText(root.Combine("var/lib/sevstack/state.json"));
        Assert.False(await Session(root.Path, log).RunAsync("ConfigureDocker", "files under /etc/docker", changes => changes.WriteAsync(DaemonJson, Merged)));

        var record = HostChangeRecord.FromJson(state, "state.json");
        Assert.Equal(installHost.CreatedFiles, record.CreatedFiles);
        Assert.Equal([(DaemonJson, HostChangeRecord.BackupFolder + DaemonJson)], record.ChangedFiles.Select(f => (f.Path, f.BackupPath)));
        Assert.Equal(UserDaemonJson, File.ReadAllText(root.Combine("var/lib/sevstack/backups/etc/docker/daemon.json")));
        Assert.Equal(state, File.ReadAllText(root.Combine("var/lib/sevstack/state.json")));
    }

    [Fact]
    public async Task A_step_failing_after_it_changed_a_file_restores_it_and_says_so_in_one_line()
    {
        using var root = RootWithDaemonJson();
        var before = RootSnapshot.Take(root.Path);
        var log = new MemoryBuildLog();

        var error = await Assert.ThrowsAsync<BuildException>(() => Session(root.Path, log).RunAsync("ConfigureDocker", "files under /etc/docker", async changes =>
        {
            await changes.WriteAsync(DaemonJson, Merged);
            await changes.WriteAsync("/etc/systemd/system/docker.service.d/kata.conf", "[Service]\n");
            await changes.Runner.RunAsync(new CommandSpec("false"));
            return true;
        }));

        Assert.Equal($"ConfigureDocker failed in the root {root.Path}: 'false' exited with code 1; the files it had changed were restored, fix the cause and run ConfigureDocker again", error.Message);
        Assert.Empty(before.Differences(RootSnapshot.Take(root.Path)));
    }

    [Fact]
    public async Task A_refusal_before_any_change_passes_through_unchanged()
    {
        using var root = RootWithDaemonJson();
        var before = RootSnapshot.Take(root.Path);

        var error = await Assert.ThrowsAsync<BuildException>(() => Session(root.Path, new MemoryBuildLog()).RunAsync("ConfigureDocker", "files under /etc/docker",
            _ => throw new BuildException("/etc/docker/daemon.json:3:3: invalid JSON")));

        Assert.Equal("/etc/docker/daemon.json:3:3: invalid JSON", error.Message);
        Assert.Empty(before.Differences(RootSnapshot.Take(root.Path)));
    }

    [Fact]
    public async Task A_read_only_root_is_refused_before_the_step_runs()
    {
        using var root = RootWithDaemonJson();
        var before = RootSnapshot.Take(root.Path);
        Shell.Run("mount", "--bind", root.Path, root.Path);
        try
        {
            Shell.Run("mount", "-o", "remount,bind,ro", root.Path);
            var ran = false;
            var error = await Assert.ThrowsAsync<BuildException>(() => Session(root.Path, new MemoryBuildLog()).RunAsync("ConfigureKata", "files under /etc/kata-containers",
                _ => Task.FromResult(ran = true)));
            Assert.Equal($"{root.Path}/etc is not writable (read-only file system?); remount {root.Path} read-write or pass a writable --sysroot", error.Message);
            Assert.False(ran);
        }
        finally
        {
            Shell.Run("umount", root.Path);
        }
        Assert.Empty(before.Differences(RootSnapshot.Take(root.Path)));
    }

    [Fact]
    public async Task Without_root_and_without_usable_sudo_it_explains_what_to_do()
    {
        using var root = RootWithDaemonJson();
        using var temp = new TempDirectory("sevstack-host-nosudo");
        var fakeSudo = temp.WriteFile("sudo", "#!/bin/sh\necho 'sudo: a password is required' >&2\nexit 1\n");
        File.SetUnixFileMode(fakeSudo, (UnixFileMode)0b111_101_101);
        var before = RootSnapshot.Take(root.Path);
        var notRoot = new Privilege(IsRoot: false);
        var log = new MemoryBuildLog();
        var runner = new FakeSudoRunner(new CliWrapCommandRunner(log, notRoot), notRoot, fakeSudo);

        var error = await Assert.ThrowsAsync<BuildException>(() => Session(root.Path, log, notRoot, runner).RunAsync("ConfigureDocker", "files under /etc/docker",
            changes => changes.WriteAsync(DaemonJson, Merged)));

        Assert.Equal("ConfigureDocker needs root for files under /etc/docker, but 'sudo -n true' failed (sudo: a password is required); "
            + "run it as root, or run 'sudo -v' first (or allow passwordless sudo for this user), or use --dry-run to only see the commands", error.Message);
        Assert.Empty(before.Differences(RootSnapshot.Take(root.Path)));
    }

    [Fact]
    public async Task Two_runs_at_once_on_one_root_both_keep_their_records()
    {
        using var root = RootWithDaemonJson();
        var log = new MemoryBuildLog();
        var firstLoaded = new TaskCompletionSource();

        var first = Session(root.Path, log).RunAsync("ConfigureKata", "files under /etc", async changes =>
        {
            firstLoaded.SetResult();
            await Task.Delay(400);
            return await changes.WriteAsync("/etc/kata-containers/first.toml", "a = 1\n");
        });
        await firstLoaded.Task;
        var second = Session(root.Path, log).RunAsync("ConfigureDocker", "files under /etc/docker", changes => changes.WriteAsync(DaemonJson, Merged));
        await Task.WhenAll(first, second);

        var record = HostStateStore.Load(new TargetRoot(root.Path))!;
        Assert.Contains("/etc/kata-containers/first.toml", record.CreatedFiles);
        Assert.Contains(DaemonJson, record.ChangedFiles.Select(f => f.Path));
        Assert.Contains(log.Lines, l => l.Contains($"waiting for another SevStack run that changes the root {root.Path}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_run_waits_for_another_process_holding_the_root_lock()
    {
        using var root = RootWithDaemonJson();
        using var holder = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("flock", [root.Path, "sleep", "1"]))!;
        for (var i = 0; i < 100 && !File.ReadAllText("/proc/locks").Contains($" {holder.Id} ", StringComparison.Ordinal); i++)
            await Task.Delay(20);
        var log = new MemoryBuildLog();

        await Session(root.Path, log).RunAsync("ConfigureDocker", "files under /etc/docker", changes =>
        {
            Assert.True(holder.HasExited, "the step ran while another process held the lock on the root");
            return changes.WriteAsync(DaemonJson, Merged);
        });

        Assert.Contains(log.Lines, l => l.StartsWith("waiting for another SevStack run", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_write_that_fails_leaves_no_backup_and_the_root_as_it_was()
    {
        using var root = RootWithDaemonJson();
        using var temp = new TempDirectory("sevstack-host-failing-install");
        var sudo = temp.WriteFile("sudo", "#!/bin/sh\n[ \"$1\" = -n ] && shift\n[ \"$1\" = -- ] && shift\n"
            + "[ \"$1\" = install ] && { echo 'install: cannot create regular file: No space left on device' >&2; exit 1; }\nexec \"$@\"\n");
        File.SetUnixFileMode(sudo, (UnixFileMode)0b111_101_101);
        var before = RootSnapshot.Take(root.Path);
        var notRoot = new Privilege(IsRoot: false);
        var log = new MemoryBuildLog();
        var runner = new FakeSudoRunner(new CliWrapCommandRunner(log, notRoot), notRoot, sudo);

        var error = await Assert.ThrowsAsync<BuildException>(() => Session(root.Path, log, notRoot, runner).RunAsync("ConfigureDocker", "files under /etc/docker",
            changes => changes.WriteAsync(DaemonJson, Merged)));

        Assert.EndsWith("the files it had changed were restored, fix the cause and run ConfigureDocker again", error.Message);
        Assert.Contains("No space left on device", error.Message);
        Assert.Empty(before.Differences(RootSnapshot.Take(root.Path)));
    }
}
