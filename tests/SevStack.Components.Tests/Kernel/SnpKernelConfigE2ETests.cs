using SevStack.Components.Kernel;
using SevStack.Toolkit;
using SevStack.Toolkit.Processes;
using SevStack.Testing;

namespace SevStack.Components.Tests.Kernel;

/// <summary>
/// Config only (no compile): the SEV-SNP option sets through <see cref="KernelConfigurator"/> on a real 6.11+ tree,
/// tinyconfig base, real <c>make tinyconfig</c> and <c>make olddefconfig</c>; every requested option must survive.
/// </summary>
[Trait("Suite", "E2E")]
public sealed class SnpKernelConfigE2ETests
{
    readonly MemoryBuildLog log = new();
    ICommandRunner Runner => new CliWrapCommandRunner(log, Privilege.Detect());

    static string Tree => SnpKernelTree.Locate().Path!;

    static KernelConfigRequest Snp(string objects, KernelFlavour flavour) =>
        new(Tree, objects, flavour, KernelConfigBase.Tinyconfig) { SevLevel = SevBuildLevel.Snp };

    [SnpKernelTreeFact]
    public async Task Snp_host_options_all_survive_olddefconfig_of_a_tinyconfig()
    {
        using var temp = new TempDirectory("sevstack-snp-host");

        var result = await new KernelConfigurator(Runner).ConfigureAsync(Snp(temp.Combine("linux-host"), KernelFlavour.Host));

        var config = KernelConfigFile.Read(result.ConfigPath);
        Assert.DoesNotContain(result.Requested, r => r.Check == KconfigCheck.Required && !r.IsSatisfiedBy(config[r.Name]));
        foreach (var option in new[] { "KVM_AMD_SEV", "AMD_MEM_ENCRYPT", "CRYPTO_DEV_SP_PSP", "AMD_IOMMU", "IOMMU_SUPPORT", "KVM_GENERIC_PRIVATE_MEM", "HAVE_KVM_ARCH_GMEM_PREPARE", "ARCH_HAS_CC_PLATFORM" })
            Assert.True(config[option] == "y", $"{option}={config[option]}");
        Assert.Equal("m", config["KVM_AMD"]);
        Assert.Equal("m", config["CRYPTO_DEV_CCP_DD"]);
        Assert.NotEqual("y", config["IOMMU_DEFAULT_PASSTHROUGH"]);
    }

    [SnpKernelTreeFact]
    public async Task Snp_guest_options_all_survive_olddefconfig_of_a_tinyconfig_built_in()
    {
        using var temp = new TempDirectory("sevstack-snp-guest");

        var result = await new KernelConfigurator(Runner).ConfigureAsync(Snp(temp.Combine("linux-guest"), KernelFlavour.Guest));

        var config = KernelConfigFile.Read(result.ConfigPath);
        Assert.DoesNotContain(result.Requested, r => r.Check != KconfigCheck.NotChecked && !r.IsSatisfiedBy(config[r.Name]));
        foreach (var option in new[] { "SEV_GUEST", "TSM_REPORTS", "CONFIGFS_FS", "AMD_MEM_ENCRYPT", "VIRT_DRIVERS", "UNACCEPTED_MEMORY" })
            Assert.True(config[option] == "y", $"{option}={config[option]}");
        Assert.Null(config["CRYPTO_DEV_SP_PSP"]);
    }

    [SnpKernelTreeFact]
    public async Task A_host_without_the_amd_iommu_loses_the_psp_named_with_its_dependency()
    {
        using var temp = new TempDirectory("sevstack-snp-lost");
        var fragment = temp.WriteFile("patches/kernel/10-no-iommu.config", "# CONFIG_AMD_IOMMU is not set\n");

        var error = await Assert.ThrowsAsync<BuildException>(() => new KernelConfigurator(Runner).ConfigureAsync(
            Snp(temp.Combine("linux-host"), KernelFlavour.Host) with { FragmentsDirectory = Path.GetDirectoryName(fragment) }));

        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("CRYPTO_DEV_SP_PSP=y (now unset; depends on CRYPTO_DEV_CCP_DD && X86_64 && AMD_IOMMU)", error.Message);
        Assert.Contains("KVM_AMD_SEV=y (now unset; depends on (KVM_AMD && X86_64) && (CRYPTO_DEV_SP_PSP && !(KVM_AMD=y && CRYPTO_DEV_CCP_DD=m)))", error.Message);
    }
}
