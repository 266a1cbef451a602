using SevStack.Toolkit;
using SevStack.Toolkit.Processes;
using SevStack.Kata.Config;
using SevStack.Kata.Tests.Support;
using SevStack.Testing;

namespace SevStack.Kata.Tests.Config;

public class SevStackKataComponentsTests
{
    const string SevDefaults = "/opt/kata/share/defaults/kata-containers/configuration-qemu-sev.toml";
    const string OurQemu = "/opt/sevstack/kata/bin/qemu-system-x86_64";
    const string OurKernel = "/opt/sevstack/kata/share/kata-containers/vmlinuz-6.1.192-sev.container";
    /// <summary>sevstack-ovmf built with --ovmf-variant kata amd-sev: OvmfPkgX64 on top, AmdSevX64 in its folder.</summary>
    const string OurAmdSevFirmware = "/opt/sevstack/share/sevstack-ovmf/amd-sev/OVMF.fd";

    static TempSysroot SevRootWithOurPackages() => new TempSysroot()
        .With(SevDefaults, KataTemplate.RenderFile("kata", "3.x", "configuration-qemu-sev.toml.in"))
        .With("/opt/kata/share/kata-containers/kata-containers-initrd-confidential.img")
        .With(OurQemu)
        .With(OurKernel)
        .With("/opt/sevstack/share/sevstack-ovmf/OVMF.fd")
        .With(OurAmdSevFirmware);

    static KataSettings Sev => new() { Generation = KataGeneration.V3, KataVersion = new Version(3, 18, 0), Confidential = ConfidentialMode.Sev };

    [Fact]
    public async Task Kata_is_pointed_at_our_installed_qemu_kernel_and_amd_sev_firmware()
    {
        using var root = SevRootWithOurPackages();
        var ours = SevStackKataComponents.Find(root.Target, "/opt/sevstack/");

        Assert.Equal(new SevStackKataComponents(OurQemu, OurKernel, OurAmdSevFirmware), ours);
        var layout = KataConfigLayout.For(Sev, KataConfigOutput.DropIn);
        await new KataConfigWriter(new MemoryBuildLog()).ApplyAsync(ours.Fill(Sev), layout, root.Changes());

        var dropIn = root.Read(layout.Target);
        Assert.Contains($"path = \"{OurQemu}\"", dropIn);
        Assert.Contains($"kernel = \"{OurKernel}\"", dropIn);
        Assert.Contains($"firmware = \"{OurAmdSevFirmware}\"", dropIn);
    }

    [Fact]
    public async Task The_snp_flavour_boots_our_amd_sev_image_as_kata_does_and_with_one_variant_the_image_on_top()
    {
        const string snpDefaults = "/opt/kata/share/defaults/kata-containers/configuration-qemu-snp.toml";
        using var root = new TempSysroot()
            .With(snpDefaults, KataTemplate.RenderFile("kata", "3.x", "configuration-qemu-snp.toml.in"))
            .With("/opt/kata/share/kata-containers/kata-containers-initrd-confidential.img")
            .With(OurQemu)
            .With(OurKernel)
            .With("/opt/sevstack/share/sevstack-ovmf/OVMF.fd")
            .With(OurAmdSevFirmware);
        var snp = Sev with { KataVersion = new Version(3, 22, 0), Confidential = ConfidentialMode.Snp };
        var ours = SevStackKataComponents.Find(root.Target, "/opt/sevstack");
        var layout = KataConfigLayout.For(snp, KataConfigOutput.Dedicated);

        await new KataConfigWriter(new MemoryBuildLog()).ApplyAsync(ours.Fill(snp), layout, root.Changes());

        var config = root.Read(layout.Target);
        Assert.Contains($"firmware = \"{OurAmdSevFirmware}\"", config);
        Assert.Contains($"path = \"{OurQemu}\"", config);
        Assert.Contains("sev_snp_guest = true", config);
        using var onlyKata = new TempSysroot().With("/opt/sevstack/share/sevstack-ovmf/OVMF.fd");
        Assert.Equal("/opt/sevstack/share/sevstack-ovmf/OVMF.fd", SevStackKataComponents.Find(onlyKata.Target, "/opt/sevstack").Firmware);
    }

    [Fact]
    public void A_path_given_as_a_parameter_wins_and_is_not_described_as_ours()
    {
        using var root = SevRootWithOurPackages();
        var ours = SevStackKataComponents.Find(root.Target, "/opt/sevstack");
        var given = Sev with { Kernel = "/srv/kernels/vmlinuz-custom" };

        Assert.Equal("/srv/kernels/vmlinuz-custom", ours.Fill(given).Kernel);
        Assert.Equal(OurQemu, ours.Fill(given).HypervisorPath);
        Assert.Equal(
            [$"path = {OurQemu} (sevstack-kata-qemu)", $"firmware = {OurAmdSevFirmware} (sevstack-ovmf)"],
            ours.Describe(given));
    }

    [Fact]
    public void Without_our_packages_the_packaged_values_stay()
    {
        using var root = new TempSysroot().With(SevDefaults, "");
        var ours = SevStackKataComponents.Find(root.Target, "/opt/sevstack");

        Assert.Equal(new SevStackKataComponents(null, null, null), ours);
        Assert.Equal(Sev, ours.Fill(Sev));
        Assert.Empty(ours.Describe(Sev));
    }

    [Fact]
    public void Two_guest_kernels_are_refused_with_one_line_naming_the_parameter()
    {
        using var root = SevRootWithOurPackages().With("/opt/sevstack/kata/share/kata-containers/vmlinuz-6.1.190-sev.container");

        var error = Assert.Throws<BuildException>(() => SevStackKataComponents.Find(root.Target, "/opt/sevstack"));

        Assert.Equal(
            $"{root.Map("/opt/sevstack/kata/share/kata-containers")} holds several guest kernels (vmlinuz-6.1.190-sev.container, vmlinuz-6.1.192-sev.container): name the one Kata boots with --kata-kernel",
            error.Message);
    }
}
