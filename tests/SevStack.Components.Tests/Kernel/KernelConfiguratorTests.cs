using SevStack.Components.Kernel;
using SevStack.Toolkit;
using SevStack.Toolkit.Processes;
using SevStack.Testing;

namespace SevStack.Components.Tests.Kernel;

public sealed class KernelConfiguratorTests
{
    readonly MemoryBuildLog log = new();
    ICommandRunner Runner => new CliWrapCommandRunner(log, Privilege.Detect());

    [Fact]
    public async Task Tinyconfig_host_gets_base_target_sev_options_olddefconfig_and_verifies()
    {
        using var temp = new TempDirectory();
        var source = Fixture.CopyTree("kernel", temp);
        var obj = temp.Combine("build", "linux-host");

        var result = await new KernelConfigurator(Runner).ConfigureAsync(
            new KernelConfigRequest(source, obj, KernelFlavour.Host, KernelConfigBase.Tinyconfig) { MemoryEncryptionActiveByDefault = true });

        var config = KernelConfigFile.Read(result.ConfigPath);
        Assert.Equal("y", config["KVM_AMD_SEV"]);
        Assert.Equal("m", config["KVM_AMD"]);
        Assert.Equal("m", config["CRYPTO_DEV_CCP_DD"]);
        Assert.Equal("y", config["AMD_MEM_ENCRYPT_ACTIVE_BY_DEFAULT"]);
        Assert.Equal("y", config["SERIAL_8250_CONSOLE"]);
        Assert.Equal("n", config["DEBUG_INFO"]);
        Assert.Equal("n", config["LOCALVERSION_AUTO"]);
        Assert.Equal("\"\"", config["SYSTEM_TRUSTED_KEYS"]);
        Assert.Equal(["tinyconfig", "olddefconfig"], File.ReadAllLines(Path.Combine(obj, "make.log")).Select(l => l.Split(' ')[0]));
        var commands = log.Lines.Where(l => l.StartsWith("$ ", StringComparison.Ordinal)).ToList();
        Assert.Equal($"$ env CCACHE_DISABLE=1 make -C {source} O={obj} tinyconfig HOSTLDFLAGS=-s", commands[0]);
        Assert.StartsWith($"$ bash {source}/scripts/config --file {obj}/.config --enable 64BIT", commands[1]);
        Assert.Contains("--module KVM_AMD --enable KVM_AMD_SEV", commands[1]);
        Assert.Contains("--set-str SYSTEM_TRUSTED_KEYS ''", commands[1]);
        Assert.Equal($"$ env CCACHE_DISABLE=1 make -C {source} O={obj} olddefconfig HOSTLDFLAGS=-s", commands[2]);
    }

    [Fact]
    public async Task Sme_default_is_off_and_guest_flavour_turns_psp_and_intel_off()
    {
        using var temp = new TempDirectory();
        var source = Fixture.CopyTree("kernel", temp);
        var host = await new KernelConfigurator(Runner).ConfigureAsync(
            new KernelConfigRequest(source, temp.Combine("b", "host"), KernelFlavour.Host, KernelConfigBase.Defconfig));
        var guest = await new KernelConfigurator(Runner).ConfigureAsync(
            new KernelConfigRequest(source, temp.Combine("b", "guest"), KernelFlavour.Guest, KernelConfigBase.Defconfig));

        Assert.NotEqual(host.ConfigPath, guest.ConfigPath);
        Assert.Equal("n", KernelConfigFile.Read(host.ConfigPath)["AMD_MEM_ENCRYPT_ACTIVE_BY_DEFAULT"]);
        var g = KernelConfigFile.Read(guest.ConfigPath);
        Assert.Equal("n", g["CRYPTO_DEV_SP_PSP"]);
        Assert.Equal("n", g["CPU_SUP_INTEL"]);
        Assert.Equal("y", g["AMD_MEM_ENCRYPT"]);
        Assert.Null(g["KVM_AMD"]);
        Assert.Null(g["SERIAL_8250"]);
    }

    [Fact]
    public async Task Lost_option_fails_naming_it_and_its_kconfig_dependencies()
    {
        using var temp = new TempDirectory();
        var source = Fixture.CopyTree("kernel", temp);
        var fragments = temp.WriteFile("patches/kernel/10-no-psp.config", "# CONFIG_CRYPTO_DEV_SP_PSP is not set\n");

        var error = await Assert.ThrowsAsync<BuildException>(() => new KernelConfigurator(Runner).ConfigureAsync(
            new KernelConfigRequest(source, temp.Combine("obj"), KernelFlavour.Host, KernelConfigBase.Tinyconfig)
            {
                FragmentsDirectory = Path.GetDirectoryName(fragments),
            }));

        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("1 requested option(s) did not survive 'make olddefconfig'", error.Message);
        Assert.Contains("KVM_AMD_SEV=y (now unset; depends on (KVM_AMD && X86_64) && (CRYPTO_DEV_SP_PSP && !(KVM_AMD=y && CRYPTO_DEV_CCP_DD=m)))", error.Message);
        Assert.Contains("patches/kernel/*.config", error.Message);
    }

    [Fact]
    public async Task Fragments_add_options_that_are_verified_too()
    {
        using var temp = new TempDirectory();
        var source = Fixture.CopyTree("kernel", temp);
        temp.WriteFile("patches/kernel/20-extra.config", "CONFIG_SEV_EXTRA=y\nCONFIG_NR_CPUS=8\nCONFIG_CMDLINE=\"quiet\"\n");

        var result = await new KernelConfigurator(Runner).ConfigureAsync(
            new KernelConfigRequest(source, temp.Combine("obj"), KernelFlavour.Host, KernelConfigBase.Defconfig)
            {
                FragmentsDirectory = temp.Combine("patches", "kernel"),
            });

        var config = KernelConfigFile.Read(result.ConfigPath);
        Assert.Equal("y", config["SEV_EXTRA"]);
        Assert.Equal("8", config["NR_CPUS"]);
        Assert.Equal("\"quiet\"", config["CMDLINE"]);
        Assert.Contains(result.Requested, s => s.Name == "NR_CPUS");
    }

    [Fact]
    public async Task Running_base_without_boot_config_fails_with_the_path_and_alternatives()
    {
        using var temp = new TempDirectory();
        var source = Fixture.CopyTree("kernel", temp);
        var hostRoot = temp.Combine("root");
        Directory.CreateDirectory(hostRoot);
        var release = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();

        var error = await Assert.ThrowsAsync<BuildException>(() => new KernelConfigurator(Runner).ConfigureAsync(
            new KernelConfigRequest(source, temp.Combine("obj"), KernelFlavour.Host, KernelConfigBase.Running) { HostRoot = hostRoot }));

        Assert.Equal(
            $"--kernel-config running needs the running kernel's config {hostRoot}/boot/config-{release}, which does not exist; use --kernel-config distribution, defconfig, tinyconfig or file:PATH.",
            error.Message);
    }

    [Fact]
    public async Task Running_base_copies_the_host_roots_boot_config()
    {
        using var temp = new TempDirectory();
        var source = Fixture.CopyTree("kernel", temp);
        var release = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        temp.WriteFile($"root/boot/config-{release}", "CONFIG_FROM_RUNNING=y\nCONFIG_SYSTEM_TRUSTED_KEYS=\"debian/canonical-certs.pem\"\n");

        var result = await new KernelConfigurator(Runner).ConfigureAsync(
            new KernelConfigRequest(source, temp.Combine("obj"), KernelFlavour.Host, KernelConfigBase.Running) { HostRoot = temp.Combine("root") });

        var config = KernelConfigFile.Read(result.ConfigPath);
        Assert.Equal("y", config["FROM_RUNNING"]);
        Assert.Equal("\"\"", config["SYSTEM_TRUSTED_KEYS"]);
    }

    [Theory]
    [InlineData("running", "running")]
    [InlineData("distribution", "distribution")]
    [InlineData("tinyconfig", "tinyconfig")]
    [InlineData("file:/tmp/my.config", "file:/tmp/my.config")]
    public void Config_base_parses_and_prints_back(string text, string printed) =>
        Assert.Equal(printed, KernelConfigBase.Parse(text).ToString());

    [Fact]
    public void Unknown_config_base_is_a_clear_error() =>
        Assert.Equal("Unknown kernel config base 'allyes'; use distribution, running, defconfig, tinyconfig or file:PATH.",
            Assert.Throws<BuildException>(() => KernelConfigBase.Parse("allyes")).Message);
}
