using SevStack.Testing;

namespace SevStack.Build.Tests.E2E;

/// <summary>
/// InstallHost with the real packages of the chain, through apt from artifacts/apt, into a debootstrapped Debian 12
/// root: the kernel's own hooks run, dependencies resolve, a second run changes nothing, UninstallHost restores the root.
/// The chain's kernel is tinyconfig, which no server boots: --allow-unbootable-kernel-default lets it be the GRUB default here.
/// </summary>
[Trait("Suite", "E2E")]
[Collection(RealStackCollection.Name)]
public sealed class InstallHostE2ETests(RealStack stack)
{
    const string Release = "6.1.192-sev";

    [Fact]
    public async Task The_real_packages_install_into_a_debootstrapped_root_once_and_uninstall_back_to_its_snapshot()
    {
        Assert.Equal(0, (await stack.Chain.Value).Exit);
        using var root = new DebianTestRoot();
        var pristine = RootSnapshot.Take(root.Path);

        var first = await stack.RunAsync("install-host", "InstallHost", "--sysroot", root.Path, "--grub-default", "always", "--allow-unbootable-kernel-default", "--sev-es");

        Assert.True(first.Exit == 0, first.Output);
        foreach (var file in new[]
        {
            $"/boot/vmlinuz-{Release}", $"/lib/modules/{Release}/kernel/arch/x86/kvm/kvm-amd.ko", "/opt/sevstack/bin/qemu-system-x86_64",
            "/opt/sevstack/bin/sevstack-launch-qemu", "/opt/sevstack/share/sevstack-ovmf/OVMF.fd",
        })
            Assert.True(File.Exists(root.Map(file)), $"{file} is not installed:\n{first.Output}");
        Assert.Contains("options kvm_amd sev=1 sev_es=1", File.ReadAllText(root.Map("/etc/modprobe.d/sevstack-kvm.conf")));
        Assert.Contains($"gnulinux-{Release}-advanced", File.ReadAllText(root.Map("/boot/grub/grubenv")));
        Assert.Contains("\"libslirp0\"", File.ReadAllText(root.Map("/var/lib/sevstack/state.json")));
        var installed = RootSnapshot.Take(root.Path);

        var second = await stack.RunAsync("install-host-again", "InstallHost", "--sysroot", root.Path, "--grub-default", "always", "--allow-unbootable-kernel-default", "--sev-es");

        Assert.True(second.Exit == 0, second.Output);
        Assert.Contains("unchanged", RealStack.SummaryLine(second.Output, "InstallHost"));
        Assert.Empty(installed.Differences(RootSnapshot.Take(root.Path)));

        var uninstall = await stack.RunAsync("uninstall-host", "UninstallHost", "--sysroot", root.Path);

        Assert.True(uninstall.Exit == 0, uninstall.Output);
        Assert.Empty(pristine.Differences(RootSnapshot.Take(root.Path)));
    }
}
