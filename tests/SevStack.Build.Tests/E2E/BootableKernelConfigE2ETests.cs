using SevStack.Components.Kernel;
using SevStack.Toolkit.Processes;
using SevStack.Testing;

namespace SevStack.Build.Tests.E2E;

/// <summary>
/// The bootable host kernel's configuration from the real Debian kernel tree, without compiling it: the distribution
/// base (Debian's linux-config package for the fetched linux-source, from apt) as it is (the default) and trimmed to a
/// typical EPYC server's lsmod with localmodconfig, the SEV options applied. The .config that <c>make olddefconfig</c>
/// leaves, read from disk, must have every boot-critical option (<see cref="BootCriticalOptions"/>) and every requested
/// SEV option. The kernel tree is read only; the configuration happens in an O= folder of its own.
/// </summary>
[Trait("Suite", "E2E")]
[Collection(RealStackCollection.Name)]
public sealed class BootableKernelConfigE2ETests(RealStack stack)
{
    sealed record Configured(KernelConfigFile Config, KernelConfigRequest Request, IReadOnlyList<string> MakeCommands);

    async Task<Configured> ConfigureAsync(TempDirectory work, string? modulesListing)
    {
        var tree = Path.Combine(stack.Artifacts, "work", "src", "kernel");
        if (!File.Exists(Path.Combine(tree, "Makefile")))
            Assert.True((await stack.RunAsync("fetch-kernel", "FetchKernel")).Exit == 0, "FetchKernel failed");
        var log = new MemoryBuildLog();
        var runner = new CliWrapCommandRunner(log, Privilege.Detect());
        var package = DebianConfigPackage.For("linux-source-" + KernelSeries(tree))!;
        var packages = new DebianConfigPackage(runner);
        var debianConfig = await packages.ExtractAsync(package, await packages.VersionAsync(package, ""), DebianKernelFlavour.Amd64, work.Combine("linux-config"));
        var request = new KernelConfigRequest(tree, work.Combine("obj"), KernelFlavour.Host, KernelConfigBase.Distribution)
        {
            DistributionConfigFile = debianConfig,
            ModulesListing = modulesListing,
        };

        var result = await new KernelConfigurator(runner).ConfigureAsync(request);

        var make = log.Lines.Where(l => l.StartsWith("$ ", StringComparison.Ordinal) && l.Contains(" make ", StringComparison.Ordinal)).ToList();
        return new Configured(KernelConfigFile.Read(result.ConfigPath), request, make);
    }

    /// <summary>The .config is the one olddefconfig left, and it has every boot-critical and every requested SEV option.</summary>
    static void AssertBootableAfterOlddefconfig(Configured configured)
    {
        Assert.True(configured.MakeCommands.Count > 0 && configured.MakeCommands[^1].Contains(" olddefconfig", StringComparison.Ordinal), string.Join("\n", configured.MakeCommands));
        var config = configured.Config;
        Assert.Empty(BootCriticalOptions.Missing(config).Select(r => r.MissingIn(config)));
        var requested = KernelConfigurator.RequestedSettings(configured.Request);
        Assert.Superset(KernelSevOptions.Host(false).Select(s => s.Name).ToHashSet(), requested.Select(s => s.Name).ToHashSet());
        var lost = requested.Where(s => s.Check == KconfigCheck.Required && !s.IsSatisfiedBy(config[s.Name]))
            .Select(s => $"{s.Name}={s.Value} (is {config[s.Name] ?? "not set"})").ToList();
        Assert.Empty(lost);
        foreach (var option in new[] { "AMD_MEM_ENCRYPT", "KVM_AMD_SEV", "CRYPTO_DEV_CCP", "CRYPTO_DEV_SP_PSP", "AMD_IOMMU", "BLK_DEV_INITRD" })
            Assert.Equal("y", config[option]);
        Assert.Equal("n", config["DEBUG_INFO"] ?? "n");
    }

    [Fact]
    public async Task The_distribution_base_trimmed_to_an_epyc_servers_modules_keeps_the_boot_critical_and_sev_options()
    {
        using var work = new TempDirectory("sevstack-bootable-config");
        var configured = await ConfigureAsync(work, KernelConfigParameterTests.EpycServerLsmod);

        AssertBootableAfterOlddefconfig(configured);
        var config = configured.Config;
        foreach (var option in new[] { "KVM_AMD", "CRYPTO_DEV_CCP_DD", "BLK_DEV_NVME", "EXT4_FS", "XFS_FS", "I40E", "BNXT", "MLX5_CORE", "IGB" })
            Assert.Equal("m", config[option]);
        // Trimmed: drivers the listing does not load are gone (Debian builds them all as modules).
        foreach (var option in new[] { "BTRFS_FS", "E1000E", "IWLWIFI", "SND_HDA_INTEL" })
            Assert.Equal("n", config[option] ?? "n");
        Assert.Contains(configured.MakeCommands, l => l.Contains(" localmodconfig LSMOD=", StringComparison.Ordinal));
    }

    /// <summary>The default (no --kernel-modules): Debian's whole configuration, every driver a module.</summary>
    [Fact]
    public async Task The_untrimmed_distribution_base_the_default_keeps_the_boot_critical_and_sev_options()
    {
        using var work = new TempDirectory("sevstack-bootable-config");

        var configured = await ConfigureAsync(work, modulesListing: null);

        AssertBootableAfterOlddefconfig(configured);
        Assert.DoesNotContain(configured.MakeCommands, l => l.Contains(" localmodconfig", StringComparison.Ordinal));
        foreach (var option in new[] { "BTRFS_FS", "E1000E", "BLK_DEV_NVME", "XFS_FS" })
            Assert.Equal("m", configured.Config[option]);
    }

    /// <summary>6.1 for a 6.1.192 tree: the linux-source-SERIES package it came from.</summary>
    static string KernelSeries(string tree) => string.Join('.', KernelVersion.Read(tree).Split('.').Take(2));
}
