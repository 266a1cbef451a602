using System.Xml.Linq;
using SevStack.Checks;
using SevStack.Checks.Probes;
using SevStack.Engine;
using SevStack.Engine.Processes;
using SevStack.Launch.Libvirt;
using SevStack.Launch.Tests.Support;
using SevStack.Testing;

namespace SevStack.Launch.Tests.Libvirt;

public sealed class LibvirtDomainXmlTests
{
    static readonly CliWrapCommandRunner Runner = new(new MemoryBuildLog(), Privilege.Detect());

    static readonly LibvirtDomainOptions Guest = new()
    {
        Name = "ubuntu-sev",
        DiskImage = "/var/lib/libvirt/images/ubuntu-sev.qcow2",
        OvmfCode = "/usr/share/sevstack/OVMF_CODE.fd",
        OvmfVarsTemplate = "/usr/share/sevstack/OVMF_VARS.fd",
    };

    [Theory]
    [InlineData(SevLevel.Sev, 0x1u)]
    [InlineData(SevLevel.SevEs, 0x5u)]
    public async Task Domain_is_valid_for_libvirts_schema_and_reads_back(SevLevel level, uint policy)
    {
        var document = LibvirtDomainXml.Build(Guest with { Level = level }, CpuidHost.MilanSnpReading());
        using var directory = new TempDirectory();
        var path = directory.WriteFile("domain.xml", document.ToString());

        Approved.Verify(document.ToString(), level.ToString());
        var validation = await LibvirtXmlValidator.ValidateAsync(Runner, path);
        Assert.True(validation.Valid, validation.Output);
        Assert.Equal(new LaunchSecurity("sev", 51, 1, policy), LaunchSecurity.Read(XDocument.Load(path)));
    }

    [Fact]
    public async Task The_validator_reports_a_broken_domain()
    {
        var document = LibvirtDomainXml.Build(Guest with { CbitPosition = 51 }, null);
        document.Root!.Element("name")!.Remove();
        using var directory = new TempDirectory();
        var path = directory.WriteFile("broken.xml", document.ToString());

        var validation = await LibvirtXmlValidator.ValidateAsync(Runner, path);

        Assert.False(validation.Valid);
        Assert.Contains("fails to validate", validation.Output);
    }

    [Theory]
    [InlineData("libvirt-domain-sev-q35.xml", 47, 1, 0x0003u)]
    [InlineData("libvirt-domain-amdsev-sample-sev.xml", 47, 1, 0x0001u)]
    public void Shared_sample_domains_read_with_the_same_reader(string sample, int cbitpos, int reducedPhysBits, uint policy)
    {
        var security = LaunchSecurity.Read(XDocument.Load(SharedData.TestData("host", sample)));

        Assert.Equal(new LaunchSecurity("sev", cbitpos, reducedPhysBits, policy), security);
    }

    [Fact]
    public void Our_domain_has_what_the_libvirt_sample_has_for_sev()
    {
        var sample = XDocument.Load(SharedData.TestData("host", "libvirt-domain-sev-q35.xml")).Root!;
        var ours = LibvirtDomainXml.Build(Guest with { CbitPosition = 47 }, null).Root!;

        Assert.Equal(sample.Element("os")!.Element("loader")!.Attributes().Select(a => a.ToString()), ours.Element("os")!.Element("loader")!.Attributes().Select(a => a.ToString()));
        Assert.NotNull(ours.Element("memoryBacking")?.Element("locked"));
        Assert.All(
            ours.Element("devices")!.Elements().Where(e => e.Attribute("model")?.Value == "virtio-scsi" || e.Name == "interface"),
            device => Assert.Equal("on", device.Element("driver")?.Attribute("iommu")?.Value));
    }

    [Fact]
    public void The_c_bit_comes_from_cpuid_or_the_build_stops()
    {
        var error = Assert.Throws<BuildException>(() => LibvirtDomainXml.Build(Guest, new CpuidReading("/dev/cpu/0/cpuid", null, null, "missing")));

        Assert.Contains("C-bit position is unknown", error.Message);
    }

    [Fact]
    public void Snp_is_refused_in_one_line_with_the_libvirt_version_it_needs_and_what_to_use()
    {
        var error = Assert.Throws<BuildException>(() => LibvirtDomainXml.Build(Guest with { Level = SevLevel.SevSnp, CbitPosition = 51 }, null));

        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("10.5", error.Message);
        Assert.Contains("sevstack-launch-qemu --sev-snp", error.Message);
    }

    /// <summary>
    /// Why SNP is refused: the installed libvirt's own schema (Debian 12: 9.0) rejects <c>type='sev-snp'</c>. When this
    /// fails, the installed libvirt knows SNP domains, and LibvirtDomainXml should write them.
    /// </summary>
    [Fact]
    public async Task The_installed_libvirt_schema_rejects_sev_snp_launch_security()
    {
        var document = LibvirtDomainXml.Build(Guest with { CbitPosition = 51 }, null);
        document.Root!.Element("launchSecurity")!.SetAttributeValue("type", "sev-snp");
        document.Root!.Element("launchSecurity")!.SetElementValue("policy", "0x00030000");
        using var directory = new TempDirectory();
        var snp = directory.WriteFile("snp.xml", document.ToString());
        document.Root!.Element("launchSecurity")!.SetAttributeValue("type", "sev");
        var sev = directory.WriteFile("sev.xml", document.ToString());

        var snpValidation = await LibvirtXmlValidator.ValidateAsync(Runner, snp);
        var sevValidation = await LibvirtXmlValidator.ValidateAsync(Runner, sev);

        Assert.True(sevValidation.Valid, sevValidation.Output);
        Assert.False(snpValidation.Valid, "the installed libvirt accepts <launchSecurity type='sev-snp'>: teach LibvirtDomainXml to write SNP domains");
        Assert.Contains("launchSecurity", snpValidation.Output);
    }
}
