using System.Security.Cryptography;
using SevStack.Components.Kernel;
using SevStack.Toolkit.Processes;
using SevStack.Packaging.Outputs;
using SevStack.Testing;

namespace SevStack.Build.Tests.E2E;

/// <summary>
/// The real stack through the real targets, from Debian's sources on this machine: the kernel, QEMU and OVMF built with
/// the SEV options verified, packaged, booted together under TCG, rebuilt from the cache, repackaged byte for byte.
/// </summary>
[Trait("Suite", "E2E")]
[Collection(RealStackCollection.Name)]
public sealed class RealStackE2ETests(RealStack stack)
{
    [Fact]
    public async Task Chain_builds_the_sev_kernel_qemu_and_ovmf_packages_and_boots_them_together()
    {
        var (exit, output) = await stack.Chain.Value;

        Assert.True(exit == 0, output);
        Assert.Matches(@"booted in [0-9.]+ s, kvm_amd\.sev=N", RealStack.SummaryLine(output, "SmokeBoot"));
        var config = KernelConfigFile.Read(Path.Combine(stack.Artifacts, "work", "build", "linux-host", ".config"));
        foreach (var option in new[] { "AMD_MEM_ENCRYPT", "KVM_AMD_SEV", "CRYPTO_DEV_CCP", "CRYPTO_DEV_SP_PSP" })
            Assert.Equal("y", config[option]);
        Assert.Equal("m", config["KVM_AMD"]);
        var packages = Manifest().Packages.Select(p => p.Name).ToList();
        Assert.Contains("linux-image-6.1.192-sev", packages);
        Assert.Contains("sevstack-qemu", packages);
        Assert.Contains("sevstack-ovmf", packages);
    }

    [Fact]
    public async Task An_identical_second_run_restores_every_build_from_the_cache()
    {
        Assert.Equal(0, (await stack.Chain.Value).Exit);
        var before = File.ReadAllText(new ArtifactsLayout(stack.Artifacts).Sha256Sums);

        var (exit, output) = await stack.RunAsync("second-run", "PackageDebs");

        Assert.True(exit == 0, output);
        foreach (var target in new[] { "BuildKernel", "BuildQemu", "BuildOvmf", "PackageDebs" })
            Assert.Contains("Cached", RealStack.SummaryLine(output, target));
        Assert.Equal(before, File.ReadAllText(new ArtifactsLayout(stack.Artifacts).Sha256Sums));
    }

    [Fact]
    public async Task Rebuilding_everything_from_the_same_inputs_gives_byte_identical_packages()
    {
        Assert.Equal(0, (await stack.Chain.Value).Exit);
        var before = File.ReadAllText(new ArtifactsLayout(stack.Artifacts).Sha256Sums);
        // The first build's packages are kept beside the root, so a difference can be looked at after the run.
        var kept = Path.Combine(Path.GetDirectoryName(stack.Root)!, "debs-before-rebuild");
        if (Directory.Exists(kept))
            Directory.Delete(kept, recursive: true);
        TreeCopy.Copy(Path.Combine(stack.Artifacts, "debs"), kept);

        var (exit, output) = await stack.RunAsync("rebuild", "PackageDebs", "--rebuild", "BuildKernel", "BuildQemu", "BuildOvmf", "PackageDebs");

        Assert.True(exit == 0, output);
        Assert.Contains("Succeeded", RealStack.SummaryLine(output, "BuildKernel"));
        // Other tests of the suite may have added packages (the Kata flavours) that this plan does not make.
        var differences = new List<string>();
        var rebuiltDebs = Directory.GetFiles(Path.Combine(stack.Artifacts, "debs"), "*.deb").Order(StringComparer.Ordinal).ToList();
        Assert.Contains(rebuiltDebs, d => Path.GetFileName(d).StartsWith("linux-image-", StringComparison.Ordinal));
        foreach (var rebuilt in rebuiltDebs)
        {
            var first = Path.Combine(kept, Path.GetFileName(rebuilt));
            if (!File.Exists(first))
                differences.Add($"{Path.GetFileName(rebuilt)} is new in the rebuild; the first build made {string.Join(", ", Directory.GetFiles(kept).Select(Path.GetFileName))}");
            else if (!File.ReadAllBytes(first).AsSpan().SequenceEqual(File.ReadAllBytes(rebuilt)))
                differences.Add(await PackageDifference.DescribeAsync(first, rebuilt));
        }
        Assert.True(differences.Count == 0, string.Join("\n\n", differences));
        Assert.Subset(before.Split('\n').ToHashSet(), File.ReadAllText(new ArtifactsLayout(stack.Artifacts).Sha256Sums).Split('\n').ToHashSet());
    }

    [Fact]
    public async Task Every_package_is_lintian_clean()
    {
        Assert.Equal(0, (await stack.Chain.Value).Exit);
        var runner = new CliWrapCommandRunner(new MemoryBuildLog(), Privilege.Detect());

        var errors = new List<string>();
        foreach (var deb in Directory.GetFiles(Path.Combine(stack.Artifacts, "debs"), "*.deb").Order(StringComparer.Ordinal))
        {
            var lintian = await runner.RunAsync(new CommandSpec("lintian", "--no-tag-display-limit", deb) { AllowFailure = true });
            errors.AddRange(lintian.StandardOutput.Split('\n').Where(l => l.StartsWith("E: ", StringComparison.Ordinal)));
        }

        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    [Fact]
    public async Task The_staged_qemu_offers_sev_guest_and_the_manifest_names_each_build_key()
    {
        Assert.Equal(0, (await stack.Chain.Value).Exit);
        var qemu = Path.Combine(stack.Out("BuildQemu"), "staging", "opt", "sevstack", "bin", "qemu-system-x86_64");
        var runner = new CliWrapCommandRunner(new MemoryBuildLog(), Privilege.Detect());

        var objects = await runner.RunAsync(new CommandSpec(qemu, "-object", "help"));

        Assert.Contains("sev-guest", objects.StandardOutput);
        foreach (var package in Manifest().Packages)
        {
            Assert.Matches("^[0-9a-f]{64}$", package.CacheKey);
            Assert.Equal(package.Sha256, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(stack.Artifacts, package.File)))));
        }
    }

    BuildManifest Manifest() => ReportJson.Deserialize<BuildManifest>(File.ReadAllText(new ArtifactsLayout(stack.Artifacts).Manifest));
}

[CollectionDefinition(Name)]
public sealed class RealStackCollection : ICollectionFixture<RealStack>
{
    public const string Name = "real stack";
}
