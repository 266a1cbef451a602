using SevStack.Components;
using SevStack.Components.Kernel;
using SevStack.Components.Ovmf;
using SevStack.Measurement.Firmware;
using SevStack.Toolkit.Processes;

namespace SevStack.Build.Tests.E2E;

/// <summary>
/// The snp profile's host kernel (trixie's linux 6.12 from linux-source-6.12, downloaded without installing it) and
/// OVMF (trixie's edk2 2025.02, whose .dsc this mirror lacks: unpacked from the files the signed Sources index lists),
/// both built in the trixie build root by <c>./build.sh BuildKernel BuildOvmf --profile snp --kernel-config tinyconfig</c>:
/// the kernel's packaged config carries every SEV-SNP host option, the footers of OvmfPkgX64 and AmdSevX64 the SNP metadata. Runs when the
/// e2e cache holds both builds or <see cref="ColdBuildBudget"/> allows the cold ones.
/// </summary>
[Trait("Suite", "E2E")]
public sealed class SnpKernelAndOvmfE2ETests
{
    /// <summary>bench/chains.sh on 2 idle cores: the trixie root 1 minute, the kernel 5.5, OVMF (both platforms) 5.5, rounded up.</summary>
    const int ColdMinutes = 15;

    [SkippableFact]
    public async Task The_snp_host_kernel_has_the_snp_host_options_and_ovmf_from_edk2_2025_02_carries_the_snp_metadata()
    {
        var stack = new SnpStack();
        var refusal = await stack.HasCachedBuildsAsync(["BuildKernel", "BuildOvmf"], "--kernel-config", "tinyconfig") ? null
            : ColdBuildBudget.RefusalFor("The SNP host kernel and OVMF (BuildKernel BuildOvmf --profile snp)", ColdMinutes);
        Skip.If(refusal is not null, refusal);

        var (exit, output) = await stack.RunAsync("BuildKernel", "BuildOvmf", "--kernel-config", "tinyconfig");

        Assert.True(exit == 0, output);
        var image = Assert.Single(Directory.GetFiles(stack.Out("BuildKernel"), "linux-image-*.deb", SearchOption.AllDirectories));
        var config = await KernelImagePackageConfig.ReadAsync(new CliWrapCommandRunner(new MemoryBuildLog(), Privilege.Detect()), image);
        Assert.NotNull(config);
        Assert.Matches(@"linux-image-6\.12\.\d+-sev_", Path.GetFileName(image));
        var missing = KernelSnpOptions.Host.Where(o => o.Check == KconfigCheck.Required && !o.IsSatisfiedBy(config[o.Name])).Select(o => $"{o} (is {config[o.Name] ?? "unset"})");
        Assert.Empty(missing);
        Assert.Equal("y", config["AMD_IOMMU"]);
        Assert.Equal("y", config["KVM_AMD_SEV"]);

        // The profile's two platforms: OvmfPkgX64 for Launch and SmokeBoot, AmdSevX64 for Kata's SNP flavour (kernel hashes).
        foreach (var variant in new[] { OvmfVariant.Kata, OvmfVariant.AmdSev })
        {
            var ovmf = OvmfImageCheck.Require(Path.Combine(stack.Out("BuildOvmf"), OvmfPackage.VariantFolder(variant), OvmfPlatform.Combined), variant, SevBuildLevel.Snp);
            Assert.True(ovmf.Footer.Contains(FooterGuids.SevMetadata));
            Assert.True(ovmf.HasMetadataSection(SevMetadataSectionType.SnpSecrets));
            Assert.True(ovmf.HasMetadataSection(SevMetadataSectionType.Cpuid));
            Assert.NotNull(ovmf.ApResetAddress);
        }
        var amdSev = OvmfImageCheck.Require(Path.Combine(stack.Out("BuildOvmf"), "amd-sev", OvmfPlatform.Combined), OvmfVariant.AmdSev, SevBuildLevel.Snp);
        Assert.True(amdSev.Footer.Contains(FooterGuids.SevHashTableArea));
        Assert.True(amdSev.HasMetadataSection(SevMetadataSectionType.SnpKernelHashes));
    }
}
