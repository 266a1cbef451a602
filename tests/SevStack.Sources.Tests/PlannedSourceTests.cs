using SevStack.Sources.Identity;
using SevStack.Testing;
using SevStack.Sources.Locking;

namespace SevStack.Sources.Tests;

/// <summary>The identity planned from the lock before a fetch is exactly the one the fetch makes, or none.</summary>
public sealed class PlannedSourceTests
{
    [Fact]
    public async Task A_locked_git_source_is_planned_as_the_fetch_makes_it_and_a_moved_pin_is_not()
    {
        using var fixture = await GitFixture.CreateAsync();
        var spec = $"git+{fixture.UpstreamUrl}#v2";
        Assert.Null(PlannedSource.FromLock("qemu", spec, fixture.Layout, SourceLock.Load(fixture.LockPath), new FetchOptions()));

        var fetched = await fixture.FetchAsync(spec);

        var planned = PlannedSource.FromLock("qemu", spec, fixture.Layout, SourceLock.Load(fixture.LockPath), new FetchOptions());
        Assert.Equal(fetched.Identity.Canonical(), planned?.Canonical());
        Assert.Null(PlannedSource.FromLock("qemu", spec, fixture.Layout, SourceLock.Load(fixture.LockPath), new FetchOptions { UpdateLock = true }));
        Assert.Null(PlannedSource.FromLock("qemu", $"git+{fixture.UpstreamUrl}#v1", fixture.Layout, SourceLock.Load(fixture.LockPath), new FetchOptions()));
    }

    [Fact]
    public void Debian_sources_take_the_locked_version_and_the_kernel_its_linux_source_package()
    {
        using var temp = new TempDirectory("sevstack-planned");
        var layout = new SourceLayout(temp.Combine("cache"), temp.Combine("work"), temp.Combine("patches"));
        var sourceLock = SourceLock.Load(temp.Combine(SourceLock.FileName));
        sourceLock.Set("debian", "kernel", new LockEntry("apt:linux", "apt-kernel", new string('a', 64), "6.1.192-2"));
        sourceLock.Set("debian", "qemu", new LockEntry("apt:qemu", "apt", new string('b', 64), "1:7.2+dfsg-7+deb12u18"));

        var kernel = PlannedSource.FromLock("kernel", "apt:linux", layout, sourceLock, new FetchOptions());
        var qemu = PlannedSource.FromLock("qemu", "apt:qemu", layout, sourceLock, new FetchOptions());

        Assert.Equal(new SourceIdentity("apt-kernel", "linux-source-6.1", new string('a', 64), "6.1.192-2", [], null), kernel);
        Assert.Equal(new SourceIdentity("apt", "qemu", new string('b', 64), "1:7.2+dfsg-7+deb12u18", [], null), qemu);
        Assert.Null(PlannedSource.FromLock("qemu", "apt:qemu=1:8.0", layout, sourceLock, new FetchOptions()));
        Assert.Null(PlannedSource.FromLock("ovmf", "apt:edk2", layout, sourceLock, new FetchOptions()));
    }

    /// <summary>The snp profile's own (empty) kernel series replaces patches/kernel/series in the plan as in the fetch.</summary>
    [Fact]
    public void A_profiles_own_patch_series_is_the_one_planned()
    {
        using var temp = new TempDirectory("sevstack-planned");
        var layout = new SourceLayout(temp.Combine("cache"), temp.Combine("work"), temp.Combine("patches"));
        Directory.CreateDirectory(temp.Combine("patches", "kernel"));
        File.WriteAllText(temp.Combine("patches", "kernel", "0001-sev.patch"), "--- a/x\n+++ b/x\n");
        File.WriteAllText(temp.Combine("patches", "kernel", "series"), "0001-sev.patch\n");
        Directory.CreateDirectory(temp.Combine("patches", "snp", "kernel"));
        File.WriteAllText(temp.Combine("patches", "snp", "kernel", "series"), "# 6.12 takes none of the 6.1 patches\n");
        var sourceLock = SourceLock.Load(temp.Combine(SourceLock.FileName));
        sourceLock.Set("debian", "kernel", new LockEntry("apt:linux", "apt-kernel", new string('a', 64), "6.1.192-2"));
        sourceLock.Set("snp", "kernel", new LockEntry("apt:linux", "apt-kernel", new string('b', 64), "6.12.117-1"));

        var debian = PlannedSource.FromLock("kernel", "apt:linux", layout, sourceLock, new FetchOptions());
        var snp = PlannedSource.FromLock("kernel", "apt:linux", layout, sourceLock, new FetchOptions { Profile = "snp" });

        Assert.Equal(["0001-sev.patch"], debian!.Patches.Select(p => p.Name));
        Assert.Empty(snp!.Patches);
    }

    [Fact]
    public void A_fetch_that_made_something_else_than_planned_fails()
    {
        var planned = new SourceIdentity("apt", "qemu", new string('b', 64), "1", [], null);
        var fetched = new FetchedSource("/src/qemu", planned with { Resolved = new string('c', 64) });

        var error = Assert.Throws<Toolkit.BuildException>(() => PlannedSource.Require(planned, fetched, "qemu"));
        Assert.Contains("run with --update-lock", error.Message);
        PlannedSource.Require(planned, new FetchedSource("/src/qemu", planned), "qemu");
    }
}
