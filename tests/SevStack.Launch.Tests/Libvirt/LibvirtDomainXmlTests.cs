using System.Xml.Linq;
using SevStack.Checks;
using SevStack.Checks.Probes;
using SevStack.Toolkit;
using SevStack.Toolkit.Processes;
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
        SnpFirmware = "/usr/share/sevstack/OVMF.fd",
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

    /// <summary>
    /// Every level against libvirt 11's own schema (Debian 13's libvirt-common): the SEV and SEV-ES domains that Debian 12's
    /// libvirt accepts still validate, and the SNP domain is <c>type='sev-snp'</c> with its 64-bit policy.
    /// </summary>
    [Theory]
    [InlineData(SevLevel.Sev, "sev", 0x1ul)]
    [InlineData(SevLevel.SevEs, "sev", 0x5ul)]
    [InlineData(SevLevel.SevSnp, "sev-snp", 0x30000ul)]
    public async Task Every_level_is_valid_for_libvirt_11s_schema_and_reads_back(SevLevel level, string type, ulong policy)
    {
        var document = LibvirtDomainXml.Build(Guest with { Level = level }, CpuidHost.MilanSnpReading());
        using var directory = new TempDirectory();
        var path = directory.WriteFile("domain.xml", document.ToString());

        var validation = await Libvirt11Schema.ValidateAsync(path);

        Assert.StartsWith("11.", await Libvirt11Schema.VersionAsync());
        Assert.True(validation.Valid, validation.Output);
        Assert.Equal(new LaunchSecurity(type, 51, 1, policy), LaunchSecurity.Read(XDocument.Load(path)));
    }

    [Fact]
    public void Snp_domain_boots_the_single_firmware_image_as_a_rom_with_shared_memfd_memory()
    {
        var document = LibvirtDomainXml.Build(Guest with { Level = SevLevel.SevSnp }, CpuidHost.MilanSnpReading());

        Approved.Verify(document.ToString(), "SevSnp");
        var domain = document.Root!;
        var os = domain.Element("os")!;
        Assert.Equal(["type", "loader"], os.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("rom", os.Element("loader")!.Attribute("type")!.Value);
        Assert.Equal("/usr/share/sevstack/OVMF.fd", os.Element("loader")!.Value);
        Assert.Equal("memfd", domain.Element("memoryBacking")!.Element("source")!.Attribute("type")!.Value);
        Assert.Equal("shared", domain.Element("memoryBacking")!.Element("access")!.Attribute("mode")!.Value);
        Assert.Equal("destroy", domain.Element("on_reboot")!.Value);
        Assert.Equal("0x00030000", domain.Element("launchSecurity")!.Element("policy")!.Value);
    }

    [Theory]
    [InlineData(true, null, "0x000b0000")]
    [InlineData(false, 0x1b0000ul, "0x001b0000")]
    public void Snp_policy_follows_allow_debug_or_the_given_value(bool allowDebug, ulong? policy, string written)
    {
        var document = LibvirtDomainXml.Build(Guest with { Level = SevLevel.SevSnp, AllowDebug = allowDebug, Policy = policy, CbitPosition = 51 }, null);

        Assert.Equal(written, document.Root!.Element("launchSecurity")!.Element("policy")!.Value);
    }

    [Theory]
    [InlineData(0x10000ul, "bit 17")]
    [InlineData(0x4030000ul, "above 25")]
    public void An_snp_policy_the_firmware_refuses_stops_the_build(ulong policy, string reason) =>
        Assert.Contains(reason, Assert.Throws<BuildException>(() =>
            LibvirtDomainXml.Build(Guest with { Level = SevLevel.SevSnp, Policy = policy, CbitPosition = 51 }, null)).Message);

    [Fact]
    public void Snp_without_its_firmware_image_is_refused_in_one_line()
    {
        var error = Assert.Throws<BuildException>(() => LibvirtDomainXml.Build(Guest with { Level = SevLevel.SevSnp, SnpFirmware = null, CbitPosition = 51 }, null));

        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("--ovmf-snp", error.Message);
    }

    [Fact]
    public async Task Libvirt_11s_schema_rejects_an_snp_domain_without_its_policy()
    {
        var document = LibvirtDomainXml.Build(Guest with { Level = SevLevel.SevSnp, CbitPosition = 51 }, null);
        document.Root!.Element("launchSecurity")!.Element("policy")!.Remove();
        using var directory = new TempDirectory();
        var path = directory.WriteFile("no-policy.xml", document.ToString());

        var validation = await Libvirt11Schema.ValidateAsync(path);

        Assert.False(validation.Valid);
        Assert.Contains("fails to validate", validation.Output);
    }

    /// <summary>
    /// Debian 12's libvirt (9.0, the installed one) predates SEV-SNP domains (10.5), so LibvirtXml's check with the
    /// installed virt-xml-validate refuses an SNP domain there: SNP guests need Debian 13's libvirt 11.
    /// </summary>
    [Fact]
    public async Task Debian_12s_libvirt_schema_predates_sev_snp_domains()
    {
        var document = LibvirtDomainXml.Build(Guest with { Level = SevLevel.SevSnp, CbitPosition = 51 }, null);
        using var directory = new TempDirectory();
        var path = directory.WriteFile("snp.xml", document.ToString());

        var validation = await LibvirtXmlValidator.ValidateAsync(Runner, path);

        Assert.False(validation.Valid, "the installed libvirt accepts <launchSecurity type='sev-snp'>: Debian 12's schema no longer explains the SNP refusal");
        Assert.Contains("launchSecurity", validation.Output);
    }
}
