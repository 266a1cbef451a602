using System.Diagnostics;
using SevStack.Components.Kernel;
using SevStack.Toolkit.Processes;
using SevStack.Testing;

namespace SevStack.Build.Tests.E2E;

/// <summary>
/// The bootable host kernel's configuration from the real Debian kernel tree, without compiling it: the distribution
/// base (Debian's linux-config package for the fetched linux-source, from apt), trimmed to a typical EPYC server's lsmod
/// with localmodconfig, the SEV options applied and verified. The config must keep every boot-critical option.
/// The kernel tree is read only; the configuration happens in an O= folder of its own.
/// </summary>
[Trait("Suite", "E2E")]
[Collection(RealStackCollection.Name)]
public sealed class BootableKernelConfigE2ETests(RealStack stack)
{
    [Fact]
    public async Task The_distribution_base_trimmed_to_an_epyc_servers_modules_keeps_the_boot_critical_and_sev_options()
    {
        var tree = Path.Combine(stack.Artifacts, "work", "src", "kernel");
        if (!File.Exists(Path.Combine(tree, "Makefile")))
            Assert.True((await stack.RunAsync("fetch-kernel", "FetchKernel")).Exit == 0, "FetchKernel failed");
        using var work = new TempDirectory("sevstack-bootable-config");
        var log = new MemoryBuildLog();
        var runner = new CliWrapCommandRunner(log, Privilege.Detect());
        var package = DebianConfigPackage.For("linux-source-" + KernelSeries(tree))!;
        var clock = Stopwatch.StartNew();

        var packages = new DebianConfigPackage(runner);
        var debianConfig = await packages.ExtractAsync(package, await packages.VersionAsync(package, ""), DebianKernelFlavour.Amd64, work.Combine("linux-config"));
        var result = await new KernelConfigurator(runner).ConfigureAsync(new KernelConfigRequest(tree, work.Combine("obj"), KernelFlavour.Host, KernelConfigBase.Distribution)
        {
            DistributionConfigFile = debianConfig,
            ModulesListing = KernelConfigParameterTests.EpycServerLsmod,
        });

        var config = KernelConfigFile.Read(result.ConfigPath);
        Assert.Empty(result.MissingForBoot.Select(r => r.MissingIn(config)));
        foreach (var option in new[] { "AMD_MEM_ENCRYPT", "KVM_AMD_SEV", "CRYPTO_DEV_CCP", "CRYPTO_DEV_SP_PSP", "AMD_IOMMU", "BLK_DEV_INITRD" })
            Assert.Equal("y", config[option]);
        foreach (var option in new[] { "KVM_AMD", "CRYPTO_DEV_CCP_DD", "BLK_DEV_NVME", "EXT4_FS", "XFS_FS", "I40E", "BNXT", "MLX5_CORE", "IGB" })
            Assert.Equal("m", config[option]);
        Assert.Equal("n", config["DEBUG_INFO"] ?? "n");
        // Trimmed: drivers the listing does not load are gone (Debian builds them all as modules).
        foreach (var option in new[] { "BTRFS_FS", "E1000E", "IWLWIFI", "SND_HDA_INTEL" })
            Assert.Equal("n", config[option] ?? "n");
        var make = log.Lines.Where(l => l.StartsWith("$ ", StringComparison.Ordinal) && l.Contains(" make ", StringComparison.Ordinal)).ToList();
        Assert.Contains(make, l => l.Contains(" localmodconfig LSMOD=", StringComparison.Ordinal));
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), $"configuring took {clock.Elapsed}");
    }

    /// <summary>6.1 for a 6.1.192 tree: the linux-source-SERIES package it came from.</summary>
    static string KernelSeries(string tree) => string.Join('.', KernelVersion.Read(tree).Split('.').Take(2));
}
