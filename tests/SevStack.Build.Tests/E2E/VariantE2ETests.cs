using SevStack.Components.Kernel;
using SevStack.Toolkit.Processes;

namespace SevStack.Build.Tests.E2E;

/// <summary>The other flavours the targets build for real: the Kata guest kernel, Kata's QEMU, the host and AMD SEV OVMF platforms.</summary>
[Trait("Suite", "E2E")]
[Collection(RealStackCollection.Name)]
public sealed class VariantE2ETests(RealStack stack)
{
    readonly CliWrapCommandRunner runner = new(new MemoryBuildLog(), Privilege.Detect());

    [Fact]
    public async Task Kata_guest_kernel_and_kata_qemu_build_apart_from_the_host_ones_and_are_packaged()
    {
        var (exit, output) = await stack.RunAsync("kata-flavours", "BuildGuestKernel", "BuildKataQemu", "PackageDebs");

        Assert.True(exit == 0, output);
        Assert.True(new FileInfo(Path.Combine(stack.Out("BuildGuestKernel"), "bzImage")).Length > 500_000);
        var config = KernelConfigFile.Read(Path.Combine(stack.Artifacts, "work", "build", "linux-guest", ".config"));
        Assert.Equal("y", config["AMD_MEM_ENCRYPT"]);
        Assert.Null(config["CRYPTO_DEV_SP_PSP"]);
        var qemu = Path.Combine(stack.Out("BuildKataQemu"), "staging", "opt", "sevstack", "kata", "bin", "qemu-system-x86_64");
        Assert.Contains("sev-guest", (await runner.RunAsync(new CommandSpec(qemu, "-object", "help"))).StandardOutput);
        Assert.Contains("--disable-tcg", File.ReadAllText(Path.Combine(stack.Artifacts, "work", "build", "qemu", "qemu-kata", "sevstack-configure.args")));
        var debs = Directory.GetFiles(Path.Combine(stack.Artifacts, "debs")).Select(Path.GetFileName).ToList();
        Assert.Contains(debs, d => d!.StartsWith("sevstack-kata-kernel_6.1.192-", StringComparison.Ordinal));
        Assert.Contains(debs, d => d!.StartsWith("sevstack-kata-qemu_", StringComparison.Ordinal));
        var contents = (await runner.RunAsync(new CommandSpec("dpkg-deb", "-c", Path.Combine(stack.Artifacts, "debs", debs.First(d => d!.StartsWith("sevstack-kata-qemu_", StringComparison.Ordinal))!)))).StandardOutput;
        Assert.Contains("./opt/sevstack/kata/bin/qemu-system-x86_64", contents);
        Assert.DoesNotContain("./opt/sevstack/bin/", contents);
    }

    [Theory]
    [InlineData("host", "OVMF_CODE.fd")]
    public async Task Ovmf_platform_builds(string variant, string image)
    {
        var (exit, output) = await stack.RunAsync("ovmf-" + variant, "BuildOvmf", "--ovmf-variant", variant);

        Assert.True(exit == 0, output);
        Assert.True(new FileInfo(Path.Combine(stack.Out("BuildOvmf"), variant, image)).Length > 1024 * 1024, output);
    }

    [Fact]
    public async Task A_debian_distribution_config_takes_the_sev_host_options_and_drops_debug_info()
    {
        Assert.Equal(0, (await stack.Chain.Value).Exit);
        var work = Directory.CreateTempSubdirectory("sevstack-debian-config-").FullName;
        try
        {
            var baseConfig = Path.Combine(work, "config.amd64");
            await runner.RunAsync(new CommandSpec("sh", "-c", "xz -dc /usr/src/linux-config-6.1/config.amd64_none_amd64.xz > \"$0\"", baseConfig));

            var result = await new KernelConfigurator(runner).ConfigureAsync(new KernelConfigRequest(
                Path.Combine(stack.Artifacts, "work", "src", "kernel"), Path.Combine(work, "obj"), KernelFlavour.Host, KernelConfigBase.FromFile(baseConfig)));

            var config = KernelConfigFile.Read(result.ConfigPath);
            Assert.Equal("y", config["KVM_AMD_SEV"]);
            Assert.Equal("n", config["DEBUG_INFO"] ?? "n");
            Assert.Equal("\"\"", config["SYSTEM_TRUSTED_KEYS"]);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
