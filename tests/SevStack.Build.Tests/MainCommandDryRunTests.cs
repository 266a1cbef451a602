using System.Text.Json;
using SevStack.Testing;

namespace SevStack.Build.Tests;

/// <summary>
/// <c>InstallHost --dry-run</c>, the README's main command, through the native program: the whole chain the real run takes
/// (fetch, kernel, QEMU, OVMF, packages, install) is printed and planned, and nothing is created outside artifacts/.
/// </summary>
public sealed class MainCommandDryRunTests
{
    [Fact]
    public async Task InstallHost_dry_run_plans_every_target_prints_each_step_and_creates_nothing_outside_artifacts()
    {
        using var repository = RepositoryWithLockAndPatches("sevstack-dry-repo");
        using var sysroot = SysrootWithOsRelease();
        var sysrootBefore = Listing(sysroot.Path);
        var cache = repository.Combine("cache");
        var repositoryBefore = Directory.GetFileSystemEntries(repository.Path).Order(StringComparer.Ordinal).ToList();

        var (exit, output) = await BuildProgram.RunIsolated(repository, native: true,
            "InstallHost", "--dry-run", "--sysroot", sysroot.Path, "--cache-dir", cache, "--kernel-config", "defconfig", "--no-color");

        Assert.True(exit == 0, output);
        var statuses = TargetStatuses(repository);
        Assert.Contains("BuildKernel", statuses.Keys);
        Assert.Contains("InstallHost", statuses.Keys);
        Assert.All(statuses, s => Assert.True(s.Value == "Planned", $"{s.Key} is {s.Value}, not Planned"));
        Assert.Contains("Dry run planned in ", output);
        Assert.DoesNotContain("Build succeeded", output);

        Assert.Matches(@"would run: .*make -C \S+/artifacts/work/src/kernel O=\S+ -j\d+ bindeb-pkg LOCALVERSION=-sev", output);
        Assert.Matches(@"would run: .*/artifacts/work/src/qemu/configure --target-list=x86_64-softmmu ", output);
        Assert.Matches(@"would run: .*make -C \S+/qemu-host -j\d+ qemu-system-x86_64", output);
        Assert.Matches(@"would run: meson install -C \S+/qemu-host --no-rebuild --destdir ", output);
        Assert.Matches(@"would run: .*build -a X64 -t GCC5 -b RELEASE -n \d+ -p OvmfPkg/", output);
        Assert.Matches(@"would run: .*dpkg-deb --root-owner-group -Zxz --build \S+ \S+/artifacts/debs/\.sevstack-qemu_", output);
        Assert.Matches(@"would run: \[root\] chroot \S+ env DEBIAN_FRONTEND=noninteractive apt-get install -y .*linux-image-\S+-sev=\S+ .*sevstack-qemu=", output);
        Assert.Contains($"would create {sysroot.Combine("etc", "modprobe.d", "sevstack-kvm.conf")}:", output);

        Assert.Equal(sysrootBefore, Listing(sysroot.Path));
        var created = Directory.GetFileSystemEntries(repository.Path).Order(StringComparer.Ordinal).Except(repositoryBefore).Select(Path.GetFileName).ToList();
        Assert.All(created, name => Assert.True(name is "artifacts" or ".nuke" or "cache", $"the dry run created {name} outside artifacts/"));
        Assert.Empty(Directory.Exists(cache) ? Directory.GetFileSystemEntries(cache, "*", SearchOption.AllDirectories) : []);
        Assert.False(Directory.Exists(repository.Combine("artifacts", "work", "src", "kernel")), "the dry run extracted the kernel");
    }

    [Fact]
    public async Task SetupHost_dry_run_on_a_root_without_kata_plans_configure_kata_after_the_install_instead_of_failing()
    {
        const string kataVersion = "3.18.0";
        using var github = new FakeKataReleases();
        github.Publish(kataVersion, KataStaticTarball.Create(kataVersion));
        using var repository = RepositoryWithLockAndPatches("sevstack-dry-setup");
        using var sysroot = SysrootWithOsRelease();
        var sysrootBefore = Listing(sysroot.Path);

        var (exit, output) = await BuildProgram.RunIsolated(repository, native: true,
            "SetupHost", "--dry-run", "--sysroot", sysroot.Path, "--cache-dir", repository.Combine("cache"), "--kernel-config", "defconfig",
            "--github-api-url", github.ApiUrl.ToString(), "--kata-version", kataVersion, "--no-color");

        Assert.True(exit == 0, output);
        var statuses = TargetStatuses(repository);
        Assert.Equal("Planned", statuses["ConfigureKata"]);
        Assert.All(statuses, s => Assert.True(s.Value is "Planned" or "Collective" or "Skipped", $"{s.Key} is {s.Value}"));
        Assert.Equal("planned: Kata is installed first", BuildProgram.TargetNote(repository, "ConfigureKata"));
        Assert.Contains("would write /etc/kata-containers/configuration-sevstack.toml from Kata's packaged /opt/kata/share/defaults/kata-containers/configuration-qemu-sev.toml, which InstallHost installs first", output);
        Assert.Equal("Planned", statuses["ConfigureDocker"]);
        Assert.Contains($"would link {sysroot.Combine("usr", "local", "bin", "containerd-shim-kata-v2")} -> /opt/kata/bin/containerd-shim-kata-v2", output);
        Assert.Equal(sysrootBefore, Listing(sysroot.Path));
    }

    [Fact]
    public async Task The_snp_chain_dry_run_on_a_machine_without_its_build_root_plans_the_root_and_every_build_and_creates_nothing()
    {
        using var repository = RepositoryWithLockAndPatches("sevstack-dry-snp");
        var cache = repository.Combine("cache");

        var (exit, output) = await BuildProgram.RunIsolated(repository, native: true,
            "PackageDebs", "--profile", "snp", "--dry-run", "--cache-dir", cache, "--kernel-config", "tinyconfig", "--ovmf-variant", "kata", "amd-sev", "--ovmf-sevsecret", "omitted", "--no-color");

        Assert.True(exit == 0, output);
        var statuses = TargetStatuses(repository);
        Assert.Contains("PrepareBuildRoot", statuses.Keys);
        Assert.All(statuses, s => Assert.True(s.Value == "Planned", $"{s.Key} is {s.Value}, not Planned"));
        Assert.Matches(@"would run: \[root\] debootstrap --variant=minbase .* trixie \S+/build-roots/trixie-\w+\.incoming ", output);
        // The pinned kernel names its linux-source package: no apt query in a root that does not exist yet.
        Assert.Matches(@"would run: .*bwrap .* -- apt-get .*download -q linux-source-6\.12=6\.12\.117-1", output);
        Assert.Matches(@"would run: .*bwrap .* -- \S+/artifacts/work/src/qemu/configure ", output);
        Assert.Matches(@"would run: .*bwrap .* -- sh \S+/OvmfPkg/AmdSev/Grub/grub\.sh", output);
        Assert.Matches(@"would run: .*bwrap .* -- build -a X64 -t \w+ -b RELEASE -n \d+ -p OvmfPkg/AmdSev/AmdSevX64\.dsc", output);
        Assert.False(Directory.Exists(cache), "the dry run created the cache folder");
    }

    /// <summary>A repository root with this checkout's lock and patches, as a fresh clone has them.</summary>
    static TempDirectory RepositoryWithLockAndPatches(string prefix)
    {
        var repository = new TempDirectory(prefix);
        File.Copy(Path.Combine(SharedData.RepositoryRoot, "sevstack.lock.json"), repository.Combine("sevstack.lock.json"));
        TreeCopy.Copy(Path.Combine(SharedData.RepositoryRoot, "patches"), repository.Combine("patches"));
        return repository;
    }

    /// <summary>The distribution check reads the root's os-release: the only file a root must have before InstallHost.</summary>
    static TempDirectory SysrootWithOsRelease()
    {
        var sysroot = new TempDirectory("sevstack-dry-sysroot");
        Directory.CreateDirectory(sysroot.Combine("etc"));
        File.Copy("/etc/os-release", sysroot.Combine("etc", "os-release"));
        return sysroot;
    }

    static Dictionary<string, string> TargetStatuses(TempDirectory repository)
    {
        using var trace = JsonDocument.Parse(File.ReadAllText(repository.Combine("artifacts", "reports", "trace.json")));
        return trace.RootElement.GetProperty("traceEvents").EnumerateArray()
            .Where(e => e.TryGetProperty("cat", out var category) && category.GetString() == "target")
            .ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("args").TryGetProperty("status", out var status) ? status.GetString()! : "?");
    }

    static List<string> Listing(string folder) =>
        Directory.GetFileSystemEntries(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
}
