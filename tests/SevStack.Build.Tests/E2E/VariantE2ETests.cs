using SevStack.Components.Kernel;
using SevStack.Engine.Processes;

namespace SevStack.Build.Tests.E2E;

/// <summary>The other flavours the targets build for real: the Kata guest kernel, Kata's QEMU, the host and AMD SEV OVMF platforms.</summary>
[Trait("Suite", "E2E")]
[Collection(RealStackCollection.Name)]
public sealed class VariantE2ETests(RealStack stack)
{
    readonly CliWrapCommandRunner runner = new(new MemoryBuildLog(), Privilege.Detect());

    [Fact]
    public async Task Guest_kernel_builds_bzImage_and_vmlinux_with_the_sev_guest_options_and_without_the_psp()
    {
        var (exit, output) = await stack.RunAsync("guest-kernel", "BuildGuestKernel");

        Assert.True(exit == 0, output);
        Assert.True(new FileInfo(Path.Combine(stack.Out("BuildGuestKernel"), "bzImage")).Length > 500_000);
        var config = KernelConfigFile.Read(Path.Combine(stack.Artifacts, "work", "build", "linux-guest", ".config"));
        Assert.Equal("y", config["AMD_MEM_ENCRYPT"]);
        Assert.Null(config["CRYPTO_DEV_SP_PSP"]);
    }

    [Fact]
    public async Task Kata_qemu_is_built_apart_from_the_host_qemu_and_offers_sev_guest()
    {
        var (exit, output) = await stack.RunAsync("kata-qemu", "BuildKataQemu");

        Assert.True(exit == 0, output);
        var qemu = Path.Combine(stack.Out("BuildKataQemu"), "staging", "opt", "sevstack", "kata", "bin", "qemu-system-x86_64");
        Assert.Contains("sev-guest", (await runner.RunAsync(new CommandSpec(qemu, "-object", "help"))).StandardOutput);
        Assert.Contains("--disable-tcg", File.ReadAllText(Path.Combine(stack.Artifacts, "work", "build", "qemu", "qemu-kata", "sevstack-configure.args")));
    }

    [Theory]
    [InlineData("host", "OVMF_CODE.fd")]
    [InlineData("amd-sev", "OVMF.fd")]
    public async Task Ovmf_platform_builds(string variant, string image)
    {
        var (exit, output) = await stack.RunAsync("ovmf-" + variant, "BuildOvmf", "--ovmf-variant", variant);

        Assert.True(exit == 0, output);
        Assert.True(new FileInfo(Path.Combine(stack.Out("BuildOvmf"), image)).Length > 1024 * 1024, output);
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
