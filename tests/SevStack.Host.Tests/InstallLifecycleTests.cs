using SevStack.Host.Tests.Support;
using SevStack.Testing;

namespace SevStack.Host.Tests;

[Collection(FixtureCollection.Name)]
public sealed class InstallLifecycleTests(FixturePackagesHolder fixtures)
{
    const string GrubUuid = "0b6a8bd2-6a7c-4c8e-9d2e-5e3f7a1b2c3d";
    static readonly string ExpectedEntry = $"gnulinux-advanced-{GrubUuid}>gnulinux-{FixturePackages.KernelRelease}-advanced-{GrubUuid}";

    InstallHostRequest Request(GrubDefaultMode mode = GrubDefaultMode.Always) => new()
    {
        PackageNames = [FixturePackages.Kernel, FixturePackages.Qemu],
        RepositoryFolder = fixtures.Packages.RepositoryFolder,
        GrubDefault = mode,
        KvmAmd = new KvmAmdOptions(SevEs: true, SevSnp: true),
        KernelCommandLine = "mem_encrypt=on kvm_amd.sev=1",
    };

    /// <summary>Debian 12, and Debian 11, whose apt (2.2) still has the kernel hook that writes a file no package owns.</summary>
    public static TheoryData<string> Suites => ["bookworm", "bullseye"];

    [Theory]
    [MemberData(nameof(Suites))]
    public async Task Install_configures_the_root_a_second_run_changes_nothing_and_uninstall_restores_it(string suite)
    {
        using var root = new DebianTestRoot(suite);
        var pristine = RootSnapshot.Take(root.Path);

        var first = await new HostHarness(root.Path).Installer().InstallAsync(Request());

        Assert.True(first.Changed);
        Assert.Contains("CheckHost", first.NextSteps);
        Assert.Equal("# Written by SevStack InstallHost; UninstallHost removes it.\noptions kvm_amd sev=1 sev_es=1 sev_snp=1\n",
            File.ReadAllText(root.Map("/etc/modprobe.d/sevstack-kvm.conf")));
        var dropIn = File.ReadAllText(root.Map("/etc/default/grub.d/sevstack.cfg"));
        Assert.Contains("GRUB_DEFAULT=saved\n", dropIn);
        Assert.Contains("GRUB_CMDLINE_LINUX_DEFAULT=\"$GRUB_CMDLINE_LINUX_DEFAULT mem_encrypt=on kvm_amd.sev=1\"\n", dropIn);
        Assert.Contains($"saved_entry={ExpectedEntry}\n", File.ReadAllText(root.Map("/boot/grub/grubenv")));
        var grubCfg = File.ReadAllText(root.Map("/boot/grub/grub.cfg"));
        Assert.Contains($"/boot/vmlinuz-{FixturePackages.KernelRelease} root=UUID={GrubUuid} ro  quiet mem_encrypt=on kvm_amd.sev=1", grubCfg);
        Assert.Contains("set default=\"saved\"", grubCfg);
        Assert.True(File.Exists(root.Map($"/boot/vmlinuz-{FixturePackages.KernelRelease}")));
        Assert.True(File.Exists(root.Map("/usr/bin/qemu-system-x86_64-sev")));
        var state = HostChangeRecord.FromJson(File.ReadAllText(root.Map("/var/lib/sevstack/state.json")), "state.json");
        Assert.Equal(["libfdt1", FixturePackages.Kernel, FixturePackages.Qemu], state.InstalledPackages.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Contains("/etc/modprobe.d/sevstack-kvm.conf", state.CreatedFiles);
        Assert.Contains("/boot/grub/grubenv", state.CreatedFiles);
        Assert.Empty(state.PreexistingPackages);
        var hookWrote = File.Exists(root.Map(PackageHookOutputs.AptAutoRemovalOutput));
        Assert.Equal(suite == "bullseye", hookWrote);
        Assert.Equal(hookWrote, state.CreatedFiles.Contains(PackageHookOutputs.AptAutoRemovalOutput));
        Assert.False(File.Exists(root.Map("/etc/apt/sources.list.d/sevstack-local.list")));
        var installed = RootSnapshot.Take(root.Path);

        var second = await new HostHarness(root.Path).Installer().InstallAsync(Request());

        Assert.False(second.Changed);
        Assert.Empty(second.StepsApplied);
        Assert.Empty(installed.Differences(RootSnapshot.Take(root.Path)));

        var uninstall = await new HostHarness(root.Path).Uninstaller().UninstallAsync();

        Assert.True(uninstall.Changed);
        Assert.Empty(pristine.Differences(RootSnapshot.Take(root.Path)));
    }

    [Fact]
    public async Task Debs_from_a_folder_with_grub_reboot_set_the_next_boot_only_and_uninstall_restores_the_root()
    {
        using var root = new DebianTestRoot();
        var pristine = RootSnapshot.Take(root.Path);

        var result = await new HostHarness(root.Path).Installer().InstallAsync(new InstallHostRequest
        {
            PackageNames = [FixturePackages.Kernel],
            DebsFolder = fixtures.Packages.DebsFolder,
            GrubDefault = GrubDefaultMode.Once,
        });

        Assert.Contains("set the boot default", result.StepsApplied);
        var grubenv = File.ReadAllText(root.Map("/boot/grub/grubenv"));
        Assert.Contains($"next_entry={ExpectedEntry}\n", grubenv);
        Assert.DoesNotContain("saved_entry=", grubenv);
        Assert.False(File.Exists(root.Map("/etc/default/grub.d/sevstack.cfg")));
        Assert.Equal("# Written by SevStack InstallHost; UninstallHost removes it.\noptions kvm_amd sev=1\n",
            File.ReadAllText(root.Map("/etc/modprobe.d/sevstack-kvm.conf")));
        Assert.False(File.Exists(root.Map("/var/lib/dpkg/info/sevstack-qemu.list")));

        await new HostHarness(root.Path).Uninstaller().UninstallAsync();

        Assert.Empty(pristine.Differences(RootSnapshot.Take(root.Path)));
    }
}
