using SevStack.Testing;

namespace SevStack.Host.Tests.Installer;

/// <summary>
/// The generated shell installer run for real, through chroot, in debootstrapped Debian 11, 12 and 13 roots. About four
/// minutes on two cores (apt and dpkg in seven roots), so in the e2e suite.
/// </summary>
[Trait("Suite", "E2E")]
public sealed class InstallerRealRootTests(InstallerBundles bundles) : IClassFixture<InstallerBundles>
{
    const string GrubUuid = "0b6a8bd2-6a7c-4c8e-9d2e-5e3f7a1b2c3d";
    static readonly string ExpectedEntry = $"gnulinux-advanced-{GrubUuid}>gnulinux-{InstallerBundles.KernelRelease}-advanced-{GrubUuid}";

    public static TheoryData<string> Suites => ["bullseye", "bookworm", "trixie"];

    [Theory]
    [MemberData(nameof(Suites))]
    public async Task Install_then_a_second_run_changes_nothing_and_uninstall_leaves_the_root_as_before(string suite)
    {
        using var root = new DebianTestRoot(suite);
        var installer = new InstallerRun(root);
        installer.CopyIn(bundles.Installable);
        var pristine = RootSnapshot.Take(root.Path);

        var first = await installer.RunAsync();

        Assert.True(first.ExitCode == 0, InstallerRun.Output(first));
        foreach (var package in new[] { InstallerBundles.Kernel, InstallerBundles.Qemu, InstallerBundles.Ovmf, "libfdt1" })
            Assert.Contains($"Package: {package}\nStatus: install ok installed", File.ReadAllText(root.Map("/var/lib/dpkg/status")));
        Assert.Equal("# Written by SevStack InstallHost; UninstallHost removes it.\noptions kvm_amd sev=1 sev_es=1\n",
            File.ReadAllText(root.Map("/etc/modprobe.d/sevstack-kvm.conf")));
        Assert.Contains("GRUB_DEFAULT=saved\n", File.ReadAllText(root.Map("/etc/default/grub.d/sevstack.cfg")));
        Assert.Contains($"saved_entry={ExpectedEntry}\n", File.ReadAllText(root.Map("/boot/grub/grubenv")));
        Assert.Contains($"/boot/vmlinuz-{InstallerBundles.KernelRelease} root=UUID={GrubUuid} ro  quiet mem_encrypt=on kvm_amd.sev=1",
            File.ReadAllText(root.Map("/boot/grub/grub.cfg")));
        Assert.Empty(Directory.GetFiles(root.Map("/etc/apt/sources.list.d"), "sevstack-installer.*"));
        Assert.Contains("run: 'env' 'DEBIAN_FRONTEND=noninteractive' 'apt-get' 'install'", InstallerRun.Output(first));
        Assert.Contains("reboot to start kernel 6.1.0-sev", InstallerRun.Output(first));
        // Debian 11's apt kernel hook ran (the kernel's postinst runs the hooks) and wrote a file no package owns; uninstall removes it.
        Assert.Equal(suite == "bullseye", File.Exists(root.Map("/etc/apt/apt.conf.d/01autoremove-kernels")));
        var installed = RootSnapshot.Take(root.Path, contentOnly: false);

        var second = await installer.RunAsync();

        Assert.True(second.ExitCode == 0, InstallerRun.Output(second));
        Assert.Contains("already has everything the installer sets up; nothing changed", InstallerRun.Output(second));
        Assert.Empty(installed.Differences(RootSnapshot.Take(root.Path, contentOnly: false)));

        var uninstall = await installer.RunAsync("--uninstall");

        Assert.True(uninstall.ExitCode == 0, InstallerRun.Output(uninstall));
        Assert.Empty(pristine.Differences(RootSnapshot.Take(root.Path)));
    }

    [Fact]
    public async Task Files_that_existed_are_backed_up_once_changed_with_their_mode_and_restored_by_uninstall()
    {
        using var root = new DebianTestRoot();
        var installer = new InstallerRun(root);
        installer.CopyIn(bundles.Installable);
        // A host's own kvm_amd options (private mode) and the grubenv every GRUB install has.
        const string KvmFile = "/etc/modprobe.d/sevstack-kvm.conf";
        Directory.CreateDirectory(root.Map("/etc/modprobe.d"));
        File.WriteAllText(root.Map(KvmFile), "options kvm_amd sev=0\n");
        File.SetUnixFileMode(root.Map(KvmFile), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.Equal(0, (await root.ChrootAsync("grub-editenv", "/boot/grub/grubenv", "create")).ExitCode);
        var pristine = RootSnapshot.Take(root.Path);

        var install = await installer.RunAsync();

        Assert.True(install.ExitCode == 0, InstallerRun.Output(install));
        Assert.Contains("options kvm_amd sev=1 sev_es=1", File.ReadAllText(root.Map(KvmFile)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(root.Map(KvmFile)));
        Assert.Equal("options kvm_amd sev=0\n", File.ReadAllText(root.Map("/var/lib/sevstack/installer/backups" + KvmFile)));
        var state = File.ReadAllLines(root.Map("/var/lib/sevstack/installer/state"));
        Assert.Contains("changed " + KvmFile, state);
        Assert.Contains("changed /boot/grub/grubenv", state);
        Assert.Contains("created /etc/default/grub.d/sevstack.cfg", state);

        var uninstall = await installer.RunAsync("--uninstall");

        Assert.True(uninstall.ExitCode == 0, InstallerRun.Output(uninstall));
        Assert.Empty(pristine.Differences(RootSnapshot.Take(root.Path)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(root.Map(KvmFile)));
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public async Task A_failing_step_rolls_back_the_packages_and_files_of_the_run(string suite)
    {
        using var root = new DebianTestRoot(suite);
        var installer = new InstallerRun(root);
        installer.CopyIn(bundles.Installable);
        // The boot default is the last step: the packages are installed, the kvm_amd and GRUB files written, grub.cfg regenerated.
        File.WriteAllText(root.Map("/usr/sbin/grub-set-default"), "#!/bin/sh\necho 'grub-set-default fails on purpose' >&2\nexit 1\n");
        var before = RootSnapshot.Take(root.Path);

        var result = await installer.RunAsync();

        Assert.Equal(1, result.ExitCode);
        var output = InstallerRun.Output(result);
        Assert.Contains("grub-set-default fails on purpose", output);
        Assert.Contains("run: 'env' 'DEBIAN_FRONTEND=noninteractive' 'apt-get' 'purge' '-y'", output);
        Assert.True(output.Contains("what this run had applied was rolled back", StringComparison.Ordinal), output);
        Assert.Empty(before.Differences(RootSnapshot.Take(root.Path)));
    }

    [Fact]
    public async Task Packages_needing_a_newer_glibc_are_refused_on_debian_11_in_one_line_before_any_change()
    {
        using var root = new DebianTestRoot("bullseye");
        var installer = new InstallerRun(root);
        installer.CopyIn(bundles.NeedsNewerLibc);
        var before = RootSnapshot.Take(root.Path, contentOnly: false);

        var result = await installer.RunAsync();

        Assert.Equal(2, result.ExitCode);
        var refusal = InstallerRun.Output(result).Split('\n').Single(l => l.Contains("cannot be installed", StringComparison.Ordinal));
        Assert.Matches(@"^sevstack-installer: the packages cannot be installed on debian 11: sevstack-qemu needs libc6 \(>= 2\.34\): debian 11 has libc6 2\.31-[^ ]+ \(installed\), libc6 2\.31-[^ ]+ \(available\); build them for this release", refusal);
        Assert.Empty(before.Differences(RootSnapshot.Take(root.Path, contentOnly: false)));
    }
}
