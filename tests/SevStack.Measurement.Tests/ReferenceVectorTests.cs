namespace SevStack.Measurement.Tests;

/// <summary>
/// The digests virtee/sev-snp-measure asserts for the fixture footers (tests/test_guest.py at commit 8f2b337, the commit
/// the fixtures come from). The first group is the table in ../shared/testdata/README.md; the second is the rest of that
/// file's QEMU vectors (SEV-ES, several vCPUs, the OvmfX64 footer, a kernel without initrd and command line).
/// </summary>
public sealed class ReferenceVectorTests : IClassFixture<MeasureFixtures>
{
    readonly MeasureFixtures fixtures;

    public ReferenceVectorTests(MeasureFixtures fixtures) => this.fixtures = fixtures;

    [Fact]
    public void Snp_ovmf_hash_of_the_AmdSev_footer()
    {
        Assert.Equal(
            "086e2e9149ebf45abdc3445fba5b2da8270bdbb04094d7a2c37faaa4b24af3aa16aff8c374c2a55c467a50da6d466b74",
            LaunchMeasurement.ComputeSnpOvmfHash(MeasureFixtures.AmdSev));
    }

    [Theory]
    [InlineData(0x21ul, "803f691094946e42068aaa3a8f9e26a5c89f36f7b73ecfb28c653360fe4b3aba7e534442e7e1e17895dfe778d0228977")]
    [InlineData(0x1ul, "6d287813eb5222d770f75005c664e34c204f385ce832cc2ce7d0d6f354454362f390ef83a92046c042e706363b4b08fa")]
    public void Snp_with_empty_kernel_and_initrd_and_a_command_line(ulong guestFeatures, string expected)
    {
        var request = SnpDirectBoot(guestFeatures, "console=ttyS0 loglevel=7");

        Assert.Equal(expected, LaunchMeasurement.Compute(request).Digest);
    }

    [Theory]
    [InlineData(0x21ul, "803f691094946e42068aaa3a8f9e26a5c89f36f7b73ecfb28c653360fe4b3aba7e534442e7e1e17895dfe778d0228977")]
    [InlineData(0x1ul, "6d287813eb5222d770f75005c664e34c204f385ce832cc2ce7d0d6f354454362f390ef83a92046c042e706363b4b08fa")]
    public void Snp_from_the_precomputed_ovmf_hash_gives_the_same_digest(ulong guestFeatures, string expected)
    {
        var request = SnpDirectBoot(guestFeatures, "console=ttyS0 loglevel=7") with
        {
            SnpOvmfHash = LaunchMeasurement.ComputeSnpOvmfHash(MeasureFixtures.AmdSev),
        };

        Assert.Equal(expected, LaunchMeasurement.Compute(request).Digest);
    }

    [Theory]
    [InlineData(0x21ul, "e1e1ca029dd7973ab9513295be68198472dcd4fc834bd9af9b63f6e8a1674dbf281a9278a4a2ebe0eed9f22adbcd0e2b")]
    [InlineData(0x1ul, "19358ba9a7615534a9a1e2f0dfc29384dcd4dcb7062ff9c6013b26869a5fc6ecabe033c48dd6f6db5d6d76e7c5df632d")]
    public void Snp_without_direct_boot(ulong guestFeatures, string expected)
    {
        var request = new MeasurementRequest { Mode = SevMode.SevSnp, Firmware = MeasureFixtures.AmdSev, VcpuType = "EPYC-v4", GuestFeatures = guestFeatures };

        Assert.Equal(expected, LaunchMeasurement.Compute(request).Digest);
    }

    [Fact]
    public void Sev_with_empty_kernel_and_initrd_and_a_command_line()
    {
        var request = new MeasurementRequest
        {
            Mode = SevMode.Sev,
            Firmware = MeasureFixtures.AmdSev,
            Kernel = fixtures.EmptyKernel,
            Initrd = fixtures.EmptyInitrd,
            CommandLine = "console=ttyS0 loglevel=7",
        };

        Assert.Equal("82a3ee5d537c3620628270c292ae30cb40c3c878666a7890ee7ef2a08fb535ff", LaunchMeasurement.Compute(request).Digest);
    }

    [Fact]
    public void Sev_of_the_OvmfX64_footer_without_direct_boot()
    {
        var request = new MeasurementRequest { Mode = SevMode.Sev, Firmware = MeasureFixtures.OvmfX64 };

        Assert.Equal("b4c021e085fb83ceffe6571a3d357b4a98773c83c474e47f76c876708fe316da", LaunchMeasurement.Compute(request).Digest);
    }

    // The rest of test_guest.py's QEMU vectors at the same commit.

    [Theory]
    [InlineData(0x21ul, "329c8ce0972ae52343b64d34a434a86f245dfd74f5ed7aae15d22efc78fb9683632b9b50e4e1d7fa41179ef98a7ef198")]
    [InlineData(0x1ul, "ddc5224521617a536ee7ce9dd6224d1b58a8d4fda1c741f3ac99fc4bfa04ba6e9fc98646d4a07a9079397fa3852819b5")]
    public void Snp_from_the_ovmf_hash_with_an_empty_command_line(ulong guestFeatures, string expected)
    {
        var request = SnpDirectBoot(guestFeatures, "") with
        {
            SnpOvmfHash = "086e2e9149ebf45abdc3445fba5b2da8270bdbb04094d7a2c37faaa4b24af3aa16aff8c374c2a55c467a50da6d466b74",
        };

        Assert.Equal(expected, LaunchMeasurement.Compute(request).Digest);
    }

    [Theory]
    [InlineData(0x21ul, "4953b1fb416fa874980e8442b3706d345926d5f38879134e00813c5d7abcbe78eafe7b422907be0b4698e2414a631942")]
    [InlineData(0x1ul, "5061fffb019493a903613d56d54b94912a1a2f9e4502385f5c194616753720a92441310ba6c4933de877c36e23046ad5")]
    public void Snp_with_four_vcpus(ulong guestFeatures, string expected)
    {
        var request = SnpDirectBoot(guestFeatures, "") with { Vcpus = 4 };

        Assert.Equal(expected, LaunchMeasurement.Compute(request).Digest);
    }

    [Theory]
    [InlineData(0x21ul, "28797ae0afaba4005a81e629acebfb59e6687949d6be44007cd5506823b0dd66f146aaae26ff291eed7b493d8a64c385")]
    [InlineData(0x1ul, "da0296de8193586a5512078dcd719eccecbd87e2b825ad4148c44f665dc87df21e5b49e21523a9ad993afdb6a30b4005")]
    public void Snp_of_the_OvmfX64_footer_without_direct_boot(ulong guestFeatures, string expected)
    {
        var request = new MeasurementRequest { Mode = SevMode.SevSnp, Firmware = MeasureFixtures.OvmfX64, VcpuType = "EPYC-v4", GuestFeatures = guestFeatures };

        Assert.Equal(expected, LaunchMeasurement.Compute(request).Digest);
    }

    [Theory]
    [InlineData(1, "13810ae661ea11e2bb205621f582fee268f0367c8f97bc297b7fadef3e12002c")]
    [InlineData(4, "0dccbcaba8e90b261bd0d2e1863a2f9da714768b7b2a19363cd6ae35aa90de91")]
    public void SevEs_with_empty_kernel_and_initrd(int vcpus, string expected)
    {
        var request = new MeasurementRequest
        {
            Mode = SevMode.SevEs,
            Firmware = MeasureFixtures.AmdSev,
            Vcpus = vcpus,
            VcpuType = "EPYC-v4",
            Kernel = fixtures.EmptyKernel,
            Initrd = fixtures.EmptyInitrd,
            CommandLine = "",
        };

        Assert.Equal(expected, LaunchMeasurement.Compute(request).Digest);
    }

    [Fact]
    public void Sev_with_a_kernel_but_no_initrd_or_command_line()
    {
        var request = new MeasurementRequest { Mode = SevMode.Sev, Firmware = MeasureFixtures.AmdSev, Kernel = fixtures.EmptyKernel };

        Assert.Equal("77f613d7bbcdf12a73782ea9e88b0172aeda50d1a54201cb903594ff52846898", LaunchMeasurement.Compute(request).Digest);
    }

    MeasurementRequest SnpDirectBoot(ulong guestFeatures, string commandLine) => new()
    {
        Mode = SevMode.SevSnp,
        Firmware = MeasureFixtures.AmdSev,
        VcpuType = "EPYC-v4",
        GuestFeatures = guestFeatures,
        Kernel = fixtures.EmptyKernel,
        Initrd = fixtures.EmptyInitrd,
        CommandLine = commandLine,
    };
}
