using SevStack.Testing;

namespace SevStack.Build.Tests.E2E;

/// <summary>
/// The snp profile's whole stack (linux 6.12, QEMU 10.0, OVMF from edk2 2025.02, all built in the trixie build root):
/// <c>./build.sh PackageDebs PackageInstaller SmokeBoot --profile snp</c> boots the three together under TCG, packages
/// them for Debian 13, and the generated installer installs them into a debootstrapped Debian 13 root through chroot
/// (QEMU 10 runs there, <c>kvm_amd</c> gets <c>sev_snp=1</c>) and uninstalls them, leaving the root as before. Runs when
/// the e2e cache holds the three builds or <see cref="ColdBuildBudget"/> allows the cold ones.
/// </summary>
[Trait("Suite", "E2E")]
public sealed class SnpStackInstallE2ETests
{
    /// <summary>The kernel (57 min) and OVMF (28 min) measured at the same time under load, QEMU 10 (25 min) besides.</summary>
    const int ColdMinutes = 90;

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
        await InstallerInChroot.InstallRunAndUninstallAsync(root, Path.Combine(stack.Root, "artifacts", "installer"), "10.0.",
            () => Assert.Contains("options kvm_amd sev=1 sev_es=1 sev_snp=1\n", File.ReadAllText(root.Map("/etc/modprobe.d/sevstack-kvm.conf"))));
    }
}
