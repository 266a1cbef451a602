using SevStack.Toolkit;
using SevStack.Sources.Locking;
using SevStack.Testing;

namespace SevStack.Sources.Tests;

public sealed class SourceLockTests : IDisposable
{
    readonly TempDirectory temp = new("sevstack-lock");

    string LockPath => temp.Combine(SourceLock.FileName);

    [Fact]
    public async Task A_missing_file_is_an_empty_lock_and_entries_round_trip_sorted()
    {
        var sourceLock = SourceLock.Load(LockPath);
        Assert.Empty(sourceLock.Entries);
        sourceLock.Set("upstream", "qemu", new LockEntry("git+https://gitlab.com/qemu-project/qemu.git#v9.1.0", "git", new string('a', 40)));
        sourceLock.Set("debian", "qemu", new LockEntry("apt:qemu", "apt", new string('b', 64), "1:7.2+dfsg-7+deb12u18"));
        await sourceLock.SaveAsync();

        var reloaded = SourceLock.Load(LockPath);

        Assert.Equal(["debian/qemu", "upstream/qemu"], reloaded.Entries.Keys);
        Assert.Equal("1:7.2+dfsg-7+deb12u18", reloaded.Find("debian", "qemu")!.Version);
        Assert.False(reloaded.IsModified);
        Approved.Verify(File.ReadAllText(LockPath), "lockfile");
    }

    [Fact]
    public void A_different_resolution_names_both_values_and_the_way_out()
    {
        var sourceLock = SourceLock.Load(LockPath);
        var spec = "git+https://github.com/AMDESE/linux.git#sev";
        LockCheck.Verify(sourceLock, "amdsev-kata-ubuntu18.04", "guest-kernel", new LockEntry(spec, "git", new string('1', 40)), updateLock: false);

        var error = Assert.Throws<BuildException>(() =>
            LockCheck.Verify(sourceLock, "amdsev-kata-ubuntu18.04", "guest-kernel", new LockEntry(spec, "git", new string('2', 40)), updateLock: false));

        Assert.Contains(new string('1', 40), error.Message);
        Assert.Contains(new string('2', 40), error.Message);
        Assert.Contains("--update-lock", error.Message);
        Assert.Contains("guest-kernel", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task Update_lock_rewrites_the_entry_and_the_file()
    {
        var sourceLock = SourceLock.Load(LockPath);
        LockCheck.Verify(sourceLock, "debian", "qemu", new LockEntry("apt:qemu", "apt", new string('1', 64), "1:7.2+dfsg-7+deb12u17"), updateLock: false);
        await sourceLock.SaveAsync();

        var reloaded = SourceLock.Load(LockPath);
        LockCheck.Verify(reloaded, "debian", "qemu", new LockEntry("apt:qemu", "apt", new string('2', 64), "1:7.2+dfsg-7+deb12u18"), updateLock: true);
        await reloaded.SaveAsync();

        var text = File.ReadAllText(LockPath);
        Assert.Contains("deb12u18", text);
        Assert.DoesNotContain("deb12u17", text);
    }

    [Fact]
    public void A_changed_spec_is_recorded_without_an_error()
    {
        var sourceLock = SourceLock.Load(LockPath);
        LockCheck.Verify(sourceLock, "upstream", "kernel", new LockEntry("git+https://git.kernel.org/x.git#v6.11", "git", new string('1', 40)), false);

        LockCheck.Verify(sourceLock, "upstream", "kernel", new LockEntry("git+https://git.kernel.org/x.git#v6.12", "git", new string('2', 40)), false);

        Assert.Equal(new string('2', 40), sourceLock.Find("upstream", "kernel")!.Resolved);
    }

    [Fact]
    public void A_broken_lock_file_is_one_clear_error()
    {
        File.WriteAllText(LockPath, "{ not json");

        var error = Assert.Throws<BuildException>(() => SourceLock.Load(LockPath));

        Assert.Contains(LockPath, error.Message);
        Assert.Contains("--update-lock", error.Message);
    }

    [Fact]
    public async Task Concurrent_updates_from_separate_instances_all_land_in_the_file()
    {
        const int writers = 24;
        var before = SourceLock.Load(LockPath);
        before.Set("debian", "kernel", new LockEntry("apt:linux", "apt-kernel", new string('0', 64), "6.1.158-1"));
        await before.SaveAsync();
        // Each instance reads the file before any of them writes, as parallel fetch targets do.
        var instances = Enumerable.Range(0, writers).Select(_ => SourceLock.Load(LockPath)).ToList();
        using var start = new ManualResetEventSlim();

        var saves = instances.Select((instance, i) => Task.Run(async () =>
        {
            instance.Set("upstream", $"component-{i:D2}", new LockEntry($"file:///src/c{i}.tar.gz", "tarball", new string((char)('a' + i % 6), 64)));
            start.Wait();
            await instance.SaveAsync();
        })).ToList();
        start.Set();
        await Task.WhenAll(saves);

        var entries = SourceLock.Load(LockPath).Entries;
        Assert.Equal(writers + 1, entries.Count);
        Assert.Equal("6.1.158-1", entries["debian/kernel"].Version);
        Assert.All(Enumerable.Range(0, writers), i => Assert.Equal($"file:///src/c{i}.tar.gz", entries[$"upstream/component-{i:D2}"].Spec));
        Assert.All(instances, i => Assert.False(i.IsModified));
    }

    public void Dispose() => temp.Dispose();
}
