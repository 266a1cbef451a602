using SevStack.Sources.Apt;
using SevStack.Sources.Locking;
using SevStack.Testing;
using SevStack.Toolkit.Processes;

namespace SevStack.Sources.Tests;

/// <summary>apt sources fetched with a build root's apt (--build-release): its runner, its files, its pins.</summary>
public sealed class BuildRootAptTests : IDisposable
{
    readonly TempDirectory temp = new("sevstack-root-apt");

    [Fact]
    public void A_build_root_s_apt_is_read_through_its_folder_and_brings_its_own_deb_src()
    {
        var apt = AptEnvironment.InRoot(temp.Combine("root"));

        Assert.Equal(temp.Combine("root", "etc", "apt", "sources.list.d"), apt.SourceParts);
        Assert.Equal(temp.Combine("root"), apt.FileRoot);
        Assert.True(apt.ProvidesDebSrc);
        Assert.Equal([temp.Combine("root", "var", "lib", "dpkg", "lock-frontend"), temp.Combine("root", "var", "lib", "apt", "lists", "lock")], apt.SystemLocks);
        Assert.Equal(temp.Combine("root") + ".apt.lock", apt.OwnLock);
        Assert.Equal("", AptEnvironment.System.FileRoot);
    }

    [Fact]
    public async Task Apt_get_source_and_dpkg_source_run_through_the_root_s_runner_and_no_deb_src_file_is_written()
    {
        var fetchRunner = new RecordingCommandRunner(isDryRun: true);
        var rootRunner = new RecordingCommandRunner(isDryRun: true);
        var layout = new SourceLayout(temp.Combine("cache"), temp.Combine("work"), temp.Combine("patches"));
        var options = new FetchOptions { Profile = "snp", Apt = AptEnvironment.InRoot(temp.Combine("root")), AptRunner = rootRunner };

        await new SourceFetcher(fetchRunner, new MemoryBuildLog(), new HttpClient())
            .FetchAsync("qemu", "apt:qemu", layout, SourceLock.Load(temp.Combine(SourceLock.FileName)), options);

        Assert.DoesNotContain(fetchRunner.Commands, c => c.Program is "apt-get" or "dpkg-source" or "install");
        Assert.Equal(["apt-get", "dpkg-source"], rootRunner.Commands.Select(c => c.Program));
        Assert.Equal(["-o", "DPkg::Lock::Timeout=1800", "source", "--download-only", "qemu"], rootRunner.Commands[0].Arguments);
        Assert.False(Directory.Exists(temp.Combine("root", "etc", "apt", "sources.list.d")));
    }

    [Fact]
    public void The_repository_lock_pins_trixie_s_qemu_10_for_the_snp_profile()
    {
        var sourceLock = SourceLock.Load(Path.Combine(SharedData.RepositoryRoot, SourceLock.FileName));

        var qemu = sourceLock.Find("snp", "qemu");

        Assert.NotNull(qemu);
        Assert.Equal("apt:qemu", qemu.Spec);
        Assert.Equal("apt", qemu.Kind);
        Assert.Matches("^1:10\\.0\\.[0-9]+\\+ds-0\\+deb13u[0-9]+$", qemu.Version);
        Assert.Matches("^[0-9a-f]{64}$", qemu.Resolved);
        Assert.NotEqual(sourceLock.Find("debian", "qemu")!.Version, qemu.Version);
    }

    public void Dispose() => temp.Dispose();
}
