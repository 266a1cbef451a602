using System.Diagnostics;
using SevStack.Toolkit;
using SevStack.Toolkit.Processes;
using SevStack.Host.Tests.Support;
using SevStack.Testing;

namespace SevStack.Host.Tests;

/// <summary>Each failure is one clear line, and the root is exactly as it was before.</summary>
[Collection(FixtureCollection.Name)]
public sealed class InstallFailureTests(FixturePackagesHolder fixtures, UntouchedRoot shared) : IClassFixture<UntouchedRoot>
{
    InstallHostRequest Request(params string[] names) => new()
    {
        PackageNames = names.Length == 0 ? [FixturePackages.Kernel, FixturePackages.Qemu] : names,
        RepositoryFolder = fixtures.Packages.RepositoryFolder,
        KernelCommandLine = "mem_encrypt=on",
    };

    internal static async Task<string> FailsLeavingRootUnchanged(DebianTestRoot root, Func<Task> action, bool contentOnly = false)
    {
        var before = RootSnapshot.Take(root.Path, contentOnly);
        var error = await Assert.ThrowsAsync<BuildException>(action);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Empty(before.Differences(RootSnapshot.Take(root.Path, contentOnly)));
        return error.Message;
    }

    [Fact]
    public async Task A_missing_package_is_named_with_what_the_repository_has()
    {
        var root = shared.Root;
        var message = await FailsLeavingRootUnchanged(root, () => new HostHarness(root.Path).Installer().InstallAsync(Request(FixturePackages.Kernel, "sevstack-ovmf")));
        Assert.StartsWith("the package sevstack-ovmf is not in the repository", message);
        Assert.Contains(FixturePackages.Qemu, message);
    }

    [Fact]
    public async Task A_corrupt_package_is_refused_from_a_repository_and_from_a_debs_folder()
    {
        var root = shared.Root;
        using var temp = new TempDirectory("sevstack-host-corrupt");
        var repository = fixtures.Packages.CopyRepository(temp.Combine("apt"));
        var qemuDeb = Directory.GetFiles(repository, FixturePackages.Qemu + "_*.deb").Single();
        File.WriteAllText(qemuDeb, "this is not an ar archive\n");

        var fromRepository = await FailsLeavingRootUnchanged(root, () => new HostHarness(root.Path).Installer().InstallAsync(Request() with { RepositoryFolder = repository }));
        Assert.Contains($"{qemuDeb} does not match the SHA256", fromRepository);

        File.Delete(Path.Combine(repository, "Packages"));
        var fromDebs = await FailsLeavingRootUnchanged(root, () => new HostHarness(root.Path).Installer().InstallAsync(
            Request() with { RepositoryFolder = null, DebsFolder = repository }));
        Assert.Contains($"{qemuDeb} is not a valid .deb package", fromDebs);
    }

    [Fact]
    public async Task A_read_only_sysroot_is_refused_before_any_change()
    {
        var root = shared.Root;
        Shell.Run("mount", "--bind", root.Path, root.Path);
        try
        {
            Shell.Run("mount", "-o", "remount,bind,ro", root.Path);
            var message = await FailsLeavingRootUnchanged(root, () => new HostHarness(root.Path).Installer().InstallAsync(Request()));
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
        var root = shared.Root;
        var lockFile = root.Map("/var/lib/dpkg/lock-frontend");
        using var holder = Process.Start(new ProcessStartInfo("flock", [lockFile, "sleep", "60"]))!;
        try
        {
            for (var i = 0; i < 100 && !File.ReadAllText("/proc/locks").Contains($" {holder.Id} ", StringComparison.Ordinal); i++)
                await Task.Delay(20);
            var message = await FailsLeavingRootUnchanged(root, () => new HostHarness(root.Path, packageLockWait: TimeSpan.FromSeconds(1)).Installer().InstallAsync(Request()));
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
        var root = shared.Root;
        using var temp = new TempDirectory("sevstack-host-nosudo");
        var fakeSudo = temp.WriteFile("sudo", "#!/bin/sh\necho 'sudo: a password is required' >&2\nexit 1\n");
        File.SetUnixFileMode(fakeSudo, (UnixFileMode)0b111_101_101);
        var notRoot = new Privilege(IsRoot: false);
        var log = new MemoryBuildLog();
        var harness = new HostHarness(root.Path, privilege: notRoot, runner: new FakeSudoRunner(new CliWrapCommandRunner(log, notRoot), notRoot, fakeSudo));

        var message = await FailsLeavingRootUnchanged(root, () => harness.Installer().InstallAsync(Request()));

        Assert.Equal("InstallHost needs root for apt-get, dpkg and files under /etc and /boot, but 'sudo -n true' failed (sudo: a password is required); "
            + "run it as root, or run 'sudo -v' first (or allow passwordless sudo for this user), or use --dry-run to only see the commands", message);
    }

    [Fact]
    public async Task A_failing_package_script_rolls_back_the_packages_installed_so_far_and_names_the_step()
    {
        using var root = new DebianTestRoot();
        var message = await FailsLeavingRootUnchanged(root, () => new HostHarness(root.Path).Installer().InstallAsync(
            Request(FixturePackages.Kernel, FixturePackages.FailingPostinst)), contentOnly: true);
        Assert.StartsWith($"InstallHost failed at step 'install packages' in the root {root.Path}: 'chroot {root.Path} env DEBIAN_FRONTEND=noninteractive apt-get install", message);
        Assert.EndsWith("what this run had applied was rolled back, fix the cause and run InstallHost again", message);
    }

    [Fact]
    public async Task A_dependency_the_root_cannot_satisfy_is_refused_in_one_line_naming_what_it_has()
    {
        var root = shared.Root;
        using var debs = new TempDirectory();
        FixtureDeb.Build(debs.Path, Path.Combine(debs.Path, "debs"), "sevstack-qemu", "9.0.0-1", "libc6 (>= 99), libfdt1 | libfdt-tiny",
            files: new() { ["opt/sevstack/bin/qemu"] = "x\n" }, postinst: null);
        var message = await FailsLeavingRootUnchanged(root, () => new HostHarness(root.Path).Installer().InstallAsync(
            new InstallHostRequest { PackageNames = ["sevstack-qemu"], DebsFolder = Path.Combine(debs.Path, "debs") }));
        Assert.Matches($@"^the packages cannot be installed in the root {System.Text.RegularExpressions.Regex.Escape(root.Path)}: sevstack-qemu needs libc6 \(>= 99\): debian 12 has libc6 2\.36-[^ ]+ \(installed\), libc6 2\.36-[^ ]+ \(available\); build them for this release", message);
    }

    [Fact]
    public async Task A_distribution_that_is_not_debian_based_is_refused()
    {
        using var root = new DebianTestRoot();
        File.WriteAllText(root.Map("/etc/os-release"), "NAME=\"Fedora Linux\"\nID=fedora\nVERSION_ID=40\nPRETTY_NAME=\"Fedora Linux 40\"\n");
        var message = await FailsLeavingRootUnchanged(root, () => new HostHarness(root.Path).Installer().InstallAsync(Request()));
        Assert.Equal($"the root {root.Path} runs Fedora Linux 40 (fedora 40), which is neither Debian nor Ubuntu nor derived from them; the packages are .deb files installed through apt: use a Debian or Ubuntu host", message);
    }
}
