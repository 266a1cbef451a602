using SevStack.Toolkit;
using SevStack.Toolkit.Processes;
using SevStack.Kata.Config;
using SevStack.Kata.Tests.Support;
using SevStack.Testing;

namespace SevStack.Kata.Tests.Config;

public class KataConfigLintTests
{
    const string Etc = KataConfigLayout.EtcConfiguration;
    const string V1Defaults = KataConfigLayout.V1PackagedDefaults;
    const string QemuDefaults = "/opt/kata/share/defaults/kata-containers/configuration-qemu.toml";
    const string SnpDefaults = "/opt/kata/share/defaults/kata-containers/configuration-qemu-snp.toml";
    const string Kernel = "/opt/kata/share/kata-containers/vmlinuz-confidential.container";
    const string Initrd = "/opt/kata/share/kata-containers/kata-containers-initrd-confidential.img";
    const string Ovmf = "/opt/kata/share/ovmf/AMDSEV.fd";

    static KataSettings Snp => new()
    {
        Generation = KataGeneration.V3,
        KataVersion = new Version(3, 18, 0),
        Confidential = ConfidentialMode.Snp,
        Kernel = Kernel,
        Rootfs = GuestRootfs.Initrd(Initrd),
        Firmware = Ovmf,
    };

    static TempSysroot SnpRoot() => new TempSysroot()
        .With(SnpDefaults, KataTemplate.RenderFile("kata", "3.x", "configuration-qemu-snp.toml.in"))
        .With(Kernel).With(Initrd).With(Ovmf);

    static async Task<string> Refused(TempSysroot root, KataSettings settings, KataConfigLayout layout)
    {
        var error = await Assert.ThrowsAsync<BuildException>(() => Apply(root, settings, layout));
        Assert.False(root.Exists(layout.Target), "a refused configuration must not be written");
        Assert.DoesNotContain('\n', error.Message);
        return error.Message;
    }

    static Task<bool> Apply(TempSysroot root, KataSettings settings, KataConfigLayout layout, MemoryBuildLog? log = null) =>
        new KataConfigWriter(log ?? new MemoryBuildLog()).ApplyAsync(settings, layout, root.Changes(log));

    [Fact]
    public async Task The_well_formed_snp_case_passes()
    {
        using var root = SnpRoot();
        Assert.True(await Apply(root, Snp, KataConfigLayout.FullFile(SnpDefaults)));
    }

    [Fact]
    public async Task Image_and_initrd_both_set_is_refused()
    {
        using var root = new TempSysroot()
            .With(V1Defaults, File.ReadAllText(SharedData.TestData("kata", "1.x", "configuration.make-install-defaults.toml")))
            .With("/usr/share/kata-containers/vmlinuz.container")
            .With("/usr/share/kata-containers/kata-containers.img")
            .With("/usr/share/kata-containers/kata-containers-initrd.img");
        var settings = new KataSettings { Generation = KataGeneration.V1 };

        var message = await Refused(root, settings, KataConfigLayout.FullFile(V1Defaults));
        Assert.Contains("sets both image = \"/usr/share/kata-containers/kata-containers.img\" and initrd = \"/usr/share/kata-containers/kata-containers-initrd.img\"", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Choosing_a_rootfs_resolves_the_image_and_initrd_clash_and_collapses_doubled_slashes()
    {
        using var root = new TempSysroot()
            .With(V1Defaults, File.ReadAllText(SharedData.TestData("kata", "1.x", "configuration.make-install-defaults.toml")))
            .With("/usr/share/kata-containers/vmlinuz.container")
            .With("/usr/share/kata-containers/kata-containers-initrd.img");
        var settings = new KataSettings { Generation = KataGeneration.V1, Rootfs = GuestRootfs.Initrd("/usr/share/kata-containers/kata-containers-initrd.img") };

        await Apply(root, settings, KataConfigLayout.FullFile(V1Defaults));
        var written = root.Read(Etc);
        Assert.Contains("\n#image = \"/usr//share/kata-containers/kata-containers.img\"\n", written, StringComparison.Ordinal);
        Assert.Contains("\npath = \"/usr/libexec/kata-containers/kata-shim\"\n", written, StringComparison.Ordinal);
        Assert.DoesNotContain("\"/usr//", written.Replace("#image = \"/usr//", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snp_with_virtio_fs_is_refused()
    {
        using var root = new TempSysroot()
            .With(QemuDefaults, KataTemplate.RenderFile("kata", "3.x", "configuration-qemu.toml.in"))
            .With(Kernel).With(Initrd).With(Ovmf);

        var message = await Refused(root, Snp, KataConfigLayout.FullFile(QemuDefaults));
        Assert.Contains("shared_fs = \"virtio-fs\" with an encrypted SEV-SNP guest", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_firmware_file_is_refused()
    {
        using var root = SnpRoot();
        File.Delete(root.Map(Ovmf));

        var message = await Refused(root, Snp, KataConfigLayout.FullFile(SnpDefaults));
        Assert.Contains($"firmware = \"{Ovmf}\" does not exist in {root.Path}", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_kernel_file_is_refused_in_drop_in_mode_too()
    {
        using var root = SnpRoot();
        var layout = KataConfigLayout.DropIn(SnpDefaults);

        var message = await Refused(root, Snp with { Kernel = "/opt/sevstack/vmlinuz-missing" }, layout);
        Assert.StartsWith($"{root.Map(SnpDefaults)} with {layout.Target}: [hypervisor.qemu] kernel = \"/opt/sevstack/vmlinuz-missing\" does not exist", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_sev_after_kata_3_18_is_refused()
    {
        using var root = SnpRoot();
        var settings = Snp with { Confidential = ConfidentialMode.Sev, KataVersion = new Version(3, 19, 0) };

        var message = await Refused(root, settings, KataConfigLayout.FullFile(SnpDefaults));
        Assert.Contains("plain SEV was requested with Kata 3.19.0, but Kata removed SEV after 3.18.0", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snp_with_kata_1_is_refused()
    {
        using var root = SnpRoot();
        var message = await Refused(root, Snp with { Generation = KataGeneration.V1 }, KataConfigLayout.FullFile(SnpDefaults));
        Assert.Contains("SEV-SNP was requested with Kata 1.x", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_encrypted_guest_without_firmware_is_refused()
    {
        using var root = new TempSysroot()
            .With(V1Defaults, File.ReadAllText(SharedData.TestData("kata", "1.x", "configuration.toml")))
            .With("/usr/share/kata-containers/vmlinuz.container")
            .With("/usr/share/kata-containers/kata-containers.img");
        var settings = new KataSettings { Generation = KataGeneration.V1, Confidential = ConfidentialMode.Sev };

        var message = await Refused(root, settings, KataConfigLayout.FullFile(V1Defaults));
        Assert.Contains("firmware is empty for an encrypted guest", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unrendered_template_is_refused()
    {
        using var root = new TempSysroot()
            .With(V1Defaults, File.ReadAllText(SharedData.TestData("kata", "1.x", "configuration.toml"))
                .Replace("kernel = \"/usr/share/kata-containers/vmlinuz.container\"", "kernel = \"@KERNELPATH@\"", StringComparison.Ordinal))
            .With("/usr/share/kata-containers/kata-containers.img");

        var message = await Refused(root, new KataSettings { Generation = KataGeneration.V1 }, KataConfigLayout.FullFile(V1Defaults));
        Assert.Contains("still holds a build-time placeholder", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configuration_for_another_hypervisor_is_refused()
    {
        using var root = new TempSysroot().With(SnpDefaults, "[hypervisor.clh]\npath = \"/opt/kata/bin/cloud-hypervisor\"\n");
        var message = await Refused(root, Snp, KataConfigLayout.FullFile(SnpDefaults));
        Assert.Contains("has no [hypervisor.qemu] section", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nvdimm_block_devices_for_an_encrypted_guest_are_refused()
    {
        using var root = SnpRoot();
        var message = await Refused(root, Snp with { BlockDeviceDriver = "nvdimm" }, KataConfigLayout.FullFile(SnpDefaults));
        Assert.Contains("block_device_driver = \"nvdimm\" with an encrypted guest", message, StringComparison.Ordinal);
    }
}
