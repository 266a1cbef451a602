using SevStack.Sources.Locking;
using SevStack.Testing;

namespace SevStack.Sources.Tests;

/// <summary>What --plan says a fetch makes, from the lock's section of the profile.</summary>
public sealed class LockPlanTextTests : IDisposable
{
    const string Spec = "git+https://github.com/qemu/qemu.git#v9.2.0";
    readonly TempDirectory temp = new("sevstack-lock-plan");

    SourceLock Lock(params (string Profile, LockEntry Entry)[] entries)
    {
        var sourceLock = SourceLock.Load(temp.Combine(SourceLock.FileName));
        foreach (var (profile, entry) in entries)
            sourceLock.Set(profile, "qemu", entry);
        return sourceLock;
    }

    [Fact]
    public void The_profiles_entry_for_the_spec_is_what_the_fetch_makes() =>
        Assert.Equal($"qemu: {Spec}, pinned by sevstack.lock.json (upstream/qemu): git {new string('a', 40)}",
            LockPlanText.Describe("qemu", Spec, Lock(("upstream", new LockEntry(Spec, "git", new string('a', 40)))), new FetchOptions { Profile = "upstream" }));

    [Fact]
    public void An_apt_entry_names_its_version() =>
        Assert.Equal($"qemu: apt:qemu, pinned by sevstack.lock.json (debian/qemu): apt {new string('b', 64)}, version 1:7.2+dfsg-7",
            LockPlanText.Describe("qemu", "apt:qemu", Lock(("debian", new LockEntry("apt:qemu", "apt", new string('b', 64), "1:7.2+dfsg-7"))), new FetchOptions()));

    [Fact]
    public void Another_profiles_entry_is_not_used() =>
        Assert.Equal($"qemu: {Spec}, not in sevstack.lock.json (no snp/qemu entry): resolved when fetched and recorded there",
            LockPlanText.Describe("qemu", Spec, Lock(("upstream", new LockEntry(Spec, "git", new string('a', 40)))), new FetchOptions { Profile = "snp" }));

    [Fact]
    public void An_entry_for_another_spec_is_replaced_at_the_fetch() =>
        Assert.Equal($"qemu: {Spec}, not the spec sevstack.lock.json pins for upstream/qemu (apt:qemu): resolved when fetched and recorded in its place",
            LockPlanText.Describe("qemu", Spec, Lock(("upstream", new LockEntry("apt:qemu", "apt", new string('b', 64), "1"))), new FetchOptions { Profile = "upstream" }));

    [Fact]
    public void Update_lock_resolves_again() =>
        Assert.Equal($"qemu: {Spec}, resolved again when fetched and recorded as upstream/qemu in sevstack.lock.json (--update-lock)",
            LockPlanText.Describe("qemu", Spec, Lock(("upstream", new LockEntry(Spec, "git", new string('a', 40)))), new FetchOptions { Profile = "upstream", UpdateLock = true }));

    public void Dispose() => temp.Dispose();
}
