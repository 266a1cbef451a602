using SevStack.Testing;

namespace SevStack.Build.Tests.E2E;

/// <summary>
/// The snp profile's whole stack (linux 6.12, QEMU 10.0, OVMF from edk2 2025.02, all built in the trixie build root):
/// <c>./build.sh PackageDebs PackageInstaller SmokeBoot --profile snp</c> boots the three together under TCG, packages
/// them for Debian 13, and the generated installer installs them into a debootstrapped Debian 13 root through chroot
/// (QEMU 10 runs there, <c>kvm_amd</c> gets <c>sev_snp=1</c>, ConfigureKata points Kata's SNP flavour at them) and
/// uninstalls them, leaving the root as before. Runs when
/// the e2e cache holds the three builds or <see cref="ColdBuildBudget"/> allows the cold ones.
/// </summary>
[Trait("Suite", "E2E")]
public sealed class SnpStackInstallE2ETests
{
    /// <summary>bench/chains.sh on 2 idle cores: the snp chain cold in 15.3 minutes, plus the boot and the install.</summary>
    const int ColdMinutes = 20;

    [SkippableFact]
    public async Task The_snp_stack_boots_together_and_installs_into_debian_13_and_uninstalls_leaving_the_root_as_before()
    {
        var stack = new SnpStack();
        string[] tinyKernel = ["--kernel-config", "tinyconfig", "--allow-unbootable-kernel-default"];
        var refusal = await stack.HasCachedBuildsAsync(["BuildKernel", "BuildQemu", "BuildOvmf"], tinyKernel) ? null
            : ColdBuildBudget.RefusalFor("The SNP stack (BuildKernel BuildQemu BuildOvmf --profile snp)", ColdMinutes);
        Skip.If(refusal is not null, refusal);

        var (exit, output) = await stack.RunAsync(["PackageDebs", "PackageInstaller", "SmokeBoot", .. tinyKernel]);

        Assert.True(exit == 0, output);
        Assert.Matches(@"booted in [0-9.]+ s, kvm_amd\.sev=N", RealStack.SummaryLine(output, "SmokeBoot"));
        var debs = Directory.GetFiles(Path.Combine(stack.Root, "artifacts", "debs"), "*.deb").Select(Path.GetFileName).ToList();
        Assert.Contains(debs, d => d!.StartsWith("linux-image-6.12.", StringComparison.Ordinal));
        Assert.Contains(debs, d => d!.StartsWith("sevstack-qemu_", StringComparison.Ordinal));
        Assert.Contains(debs, d => d!.StartsWith("sevstack-ovmf_", StringComparison.Ordinal));

        using var root = new DebianTestRoot("trixie");
        await InstallerInChroot.InstallRunAndUninstallAsync(root, Path.Combine(stack.Root, "artifacts", "installer"), "10.0.", async () =>
        {
            Assert.Contains("options kvm_amd sev=1 sev_es=1 sev_snp=1\n", File.ReadAllText(root.Map("/etc/modprobe.d/sevstack-kvm.conf")));
            await ConfigureKataSnpFlavourAsync(stack, root);
        });
    }

    /// <summary>
    /// ConfigureKata --profile snp on the installed packages: Kata's own SNP configuration (3.x, as Kata's static release
    /// installs it) pointed at our QEMU 10 and at the AmdSevX64 image, the firmware Kata boots SNP guests with; then
    /// UninstallHost takes it back and the Kata files placed here are removed, so the installer's uninstall finds the
    /// root as it left it.
    /// </summary>
    static async Task ConfigureKataSnpFlavourAsync(SnpStack stack, DebianTestRoot root)
    {
        const string kataDefaults = "/opt/kata/share/defaults/kata-containers/configuration-qemu-snp.toml";
        const string ourQemu = "/opt/sevstack/bin/qemu-system-x86_64";
        Directory.CreateDirectory(Path.GetDirectoryName(root.Map(kataDefaults))!);
        Directory.CreateDirectory(root.Map("/opt/kata/share/kata-containers"));
        File.WriteAllText(root.Map(kataDefaults), Kata.Tests.Support.KataTemplate.RenderFile("kata", "3.x", "configuration-qemu-snp.toml.in"));
        // Kata's own confidential guest kernel and initrd, which the configuration names (this stack builds no Kata guest).
        foreach (var guestFile in new[] { "vmlinuz-confidential.container", "kata-containers-initrd-confidential.img" })
            File.WriteAllText(root.Map("/opt/kata/share/kata-containers/" + guestFile), "fixture\n");
        try
        {
            var configure = await stack.RunAsync("ConfigureKata", "--sysroot", root.Path, "--kata-hypervisor", ourQemu);

            Assert.True(configure.Exit == 0, configure.Output);
            var config = File.ReadAllText(root.Map("/etc/kata-containers/configuration-sevstack.toml"));
            Assert.Contains($"path = \"{ourQemu}\"", config);
            Assert.Contains("firmware = \"/opt/sevstack/share/sevstack-ovmf/amd-sev/OVMF.fd\"", config);
            Assert.Contains("sev_snp_guest = true", config);
            Assert.Contains("confidential_guest = true", config);
            Assert.True(File.Exists(root.Map("/opt/sevstack/share/sevstack-ovmf/amd-sev/OVMF.fd")), "sevstack-ovmf installed no AmdSevX64 image");

            var uninstall = await stack.RunAsync("UninstallHost", "--sysroot", root.Path);

            Assert.True(uninstall.Exit == 0, uninstall.Output);
            Assert.False(File.Exists(root.Map("/etc/kata-containers/configuration-sevstack.toml")));
        }
        finally
        {
            Directory.Delete(root.Map("/opt/kata"), recursive: true);
        }
    }
}
