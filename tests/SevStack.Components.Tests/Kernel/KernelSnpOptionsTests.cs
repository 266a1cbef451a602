using SevStack.Components.Kernel;
using SevStack.Toolkit;
using SevStack.Toolkit.Processes;
using SevStack.Testing;

namespace SevStack.Components.Tests.Kernel;

public sealed class KernelSnpOptionsTests
{
    readonly MemoryBuildLog log = new();
    ICommandRunner Runner => new CliWrapCommandRunner(log, Privilege.Detect());

    static KernelConfigRequest Request(string source, string obj, KernelFlavour flavour, SevBuildLevel level) =>
        new(source, obj, flavour, KernelConfigBase.Tinyconfig) { SevLevel = level };

    /// <summary>The fixture tree with its Makefile saying Linux 6.12.0.</summary>
    static string Linux612(TempDirectory temp)
    {
        var source = Fixture.CopyTree("kernel", temp);
        var makefile = Path.Combine(source, "Makefile");
        File.WriteAllText(makefile, File.ReadAllText(makefile).Replace("PATCHLEVEL = 1\n", "PATCHLEVEL = 12\n", StringComparison.Ordinal));
        return source;
    }

    [Fact]
    public void Snp_host_set_is_the_sev_host_set_plus_the_iommu_guest_memfd_and_rmp_hooks()
    {
        var sev = KernelSevOptions.Host(memoryEncryptionActiveByDefault: false);

        Assert.All(sev, option => Assert.Contains(option, KernelSnpOptions.Host));
        Assert.Equal(
            ["ARCH_HAS_CC_PLATFORM=y", "KVM_GENERIC_PRIVATE_MEM=y", "HAVE_KVM_ARCH_GMEM_PREPARE=y", "HAVE_KVM_ARCH_GMEM_INVALIDATE=y",
             "IOMMU_SUPPORT=y", "AMD_IOMMU=y", "IOMMU_DEFAULT_PASSTHROUGH=n"],
            KernelSnpOptions.Host.Except(sev).Select(o => o.ToString()));
        Assert.All(KernelSnpOptions.Host, option => Assert.Equal(KconfigCheck.Required, option.Check));
    }

    [Fact]
    public void Snp_guest_set_adds_the_built_in_sev_guest_driver_and_the_tsm_report_interface_where_declared()
    {
        var added = KernelSnpOptions.Guest.Except(KernelSevOptions.Guest(memoryEncryptionActiveByDefault: false)).ToList();

        Assert.Equal(["VIRT_DRIVERS=y", "SEV_GUEST=y", "TSM_REPORTS=y", "CONFIGFS_FS=y", "UNACCEPTED_MEMORY=y"], added.Select(o => o.ToString()));
        Assert.Equal(KconfigCheck.WhereDeclared, added.Single(o => o.Name == "TSM_REPORTS").Check);
        Assert.Contains(KconfigSetting.No("CRYPTO_DEV_SP_PSP"), KernelSnpOptions.Guest);
    }

    [Theory]
    [InlineData(KernelFlavour.Host, "6.12.107", true)]
    [InlineData(KernelFlavour.Host, "6.11.0-rc1", true)]
    [InlineData(KernelFlavour.Host, "6.10.14", false)]
    [InlineData(KernelFlavour.Host, "6.1.192", false)]
    [InlineData(KernelFlavour.Guest, "6.1.192", true)]
    [InlineData(KernelFlavour.Guest, "5.18.19", false)]
    [InlineData(KernelFlavour.Host, "next", false)]
    public void Snp_needs_6_11_for_the_host_and_5_19_for_the_guest(KernelFlavour flavour, string version, bool capable) =>
        Assert.Equal(capable, KernelSecurityOptions.CanRunSnp(flavour, version));

    [Fact]
    public async Task Snp_host_on_a_6_1_tree_fails_in_one_line_naming_the_version_before_anything_runs()
    {
        using var temp = new TempDirectory();
        var source = Fixture.CopyTree("kernel", temp);
        var obj = temp.Combine("obj");

        var error = await Assert.ThrowsAsync<BuildException>(() =>
            new KernelConfigurator(Runner).ConfigureAsync(Request(source, obj, KernelFlavour.Host, SevBuildLevel.Snp)));

        Assert.Equal($"The host kernel source {source} is Linux 6.1.0, but an SEV-SNP host needs Linux 6.11 or later; "
            + "fetch a newer kernel (trixie's linux 6.12) or build with --kernel-sev-level sev.", error.Message);
        Assert.False(Directory.Exists(obj));
    }

    [Fact]
    public async Task Snp_with_sme_active_by_default_is_refused_as_no_snp_kernel_has_that_option()
    {
        using var temp = new TempDirectory();
        var source = Linux612(temp);

        var error = await Assert.ThrowsAsync<BuildException>(() => new KernelConfigurator(Runner).ConfigureAsync(
            Request(source, temp.Combine("obj"), KernelFlavour.Host, SevBuildLevel.Snp) with { MemoryEncryptionActiveByDefault = true }));

        Assert.StartsWith("AMD_MEM_ENCRYPT_ACTIVE_BY_DEFAULT does not exist in the kernels that can do SEV-SNP", error.Message);
        Assert.False(Directory.Exists(temp.Combine("obj")));
    }

    [Fact]
    public async Task Snp_host_on_a_6_12_tree_gets_the_iommu_and_guest_memfd_options()
    {
        using var temp = new TempDirectory();
        var source = Linux612(temp);

        var result = await new KernelConfigurator(Runner).ConfigureAsync(Request(source, temp.Combine("obj"), KernelFlavour.Host, SevBuildLevel.Snp));

        var config = KernelConfigFile.Read(result.ConfigPath);
        Assert.Equal("y", config["AMD_IOMMU"]);
        Assert.Equal("y", config["KVM_GENERIC_PRIVATE_MEM"]);
        Assert.Equal("n", config["IOMMU_DEFAULT_PASSTHROUGH"]);
        Assert.Equal("y", config["KVM_AMD_SEV"]);
    }

    [Fact]
    public async Task Snp_guest_on_a_6_1_tree_is_allowed_and_builds_sev_guest_in()
    {
        using var temp = new TempDirectory();
        var source = Fixture.CopyTree("kernel", temp);

        var result = await new KernelConfigurator(Runner).ConfigureAsync(Request(source, temp.Combine("obj"), KernelFlavour.Guest, SevBuildLevel.Snp));

        var config = KernelConfigFile.Read(result.ConfigPath);
        Assert.Equal("y", config["SEV_GUEST"]);
        Assert.Equal("y", config["VIRT_DRIVERS"]);
        Assert.Equal("n", config["CRYPTO_DEV_SP_PSP"]);
    }

    [Fact]
    public async Task Sev_level_keeps_the_sev_sets_on_any_version()
    {
        using var temp = new TempDirectory();
        var source = Fixture.CopyTree("kernel", temp);

        var result = await new KernelConfigurator(Runner).ConfigureAsync(Request(source, temp.Combine("obj"), KernelFlavour.Host, SevBuildLevel.Sev));

        Assert.DoesNotContain(result.Requested, o => o.Name == "AMD_IOMMU");
        Assert.Null(KernelConfigFile.Read(result.ConfigPath)["AMD_IOMMU"]);
    }

    [Fact]
    public async Task A_dry_run_whose_tree_is_not_there_yet_plans_snp_without_reading_a_version()
    {
        using var temp = new TempDirectory();
        var dryRun = new DryRunCommandRunner(log, Privilege.Detect(), Runner);

        await new KernelConfigurator(dryRun).ConfigureAsync(Request(temp.Combine("linux-pending"), temp.Combine("obj"), KernelFlavour.Host, SevBuildLevel.Snp));

        Assert.Contains(log.Lines, l => l.Contains("--enable AMD_IOMMU", StringComparison.Ordinal));
    }
}
