namespace SevStack.Measurement.Tests;

public sealed class RequestValidationTests : IClassFixture<MeasureFixtures>
{
    readonly MeasureFixtures fixtures;

    public RequestValidationTests(MeasureFixtures fixtures) => this.fixtures = fixtures;

    [Theory]
    [InlineData(SevMode.Sev)]
    [InlineData(SevMode.SevEs)]
    public void Kernel_with_firmware_lacking_the_hashes_table_is_refused(SevMode mode)
    {
        var error = Measure(new() { Mode = mode, Firmware = MeasureFixtures.OvmfX64, VcpuType = "EPYC-v4", Kernel = fixtures.EmptyKernel });

        Assert.Equal($"{MeasureFixtures.OvmfX64} has no SEV hashes table area in its footer table, so a directly booted kernel cannot be measured: use the AmdSev OVMF build, or boot without a kernel", error.Message);
    }

    [Fact]
    public void Snp_kernel_with_firmware_lacking_the_kernel_hashes_section_is_refused()
    {
        var error = Measure(new() { Mode = SevMode.SevSnp, Firmware = MeasureFixtures.OvmfX64, VcpuType = "EPYC-v4", GuestFeatures = 1, Kernel = fixtures.EmptyKernel });

        Assert.Contains("SNP metadata has no kernel-hashes section", error.Message);
    }

    [Fact]
    public void Snp_with_firmware_without_metadata_is_refused()
    {
        var firmware = Path.Combine(fixtures.Folder, "no-sev.fd");
        File.WriteAllBytes(firmware, new byte[8192]);

        var error = Measure(new() { Mode = SevMode.SevSnp, Firmware = firmware, VcpuType = "EPYC-v4", GuestFeatures = 1 });

        Assert.StartsWith($"{firmware} has no SEV metadata (ASEV)", error.Message);
    }

    [Fact]
    public void Snp_firmware_of_partial_pages_is_refused()
    {
        var firmware = Path.Combine(fixtures.Folder, "odd.fd");
        File.WriteAllBytes(firmware, [.. new byte[100], .. File.ReadAllBytes(MeasureFixtures.AmdSev)]);

        var error = Measure(new() { Mode = SevMode.SevSnp, Firmware = firmware, VcpuType = "EPYC-v4", GuestFeatures = 1 });

        Assert.Contains("not whole 4096-byte pages", error.Message);
    }

    [Theory]
    [InlineData(null, "no guest features")]
    [InlineData(0x20ul, "lack bit 0 (SNPActive)")]
    public void Snp_needs_guest_features_with_snp_active(ulong? features, string message)
    {
        var error = Measure(new() { Mode = SevMode.SevSnp, Firmware = MeasureFixtures.AmdSev, VcpuType = "EPYC-v4", GuestFeatures = features });

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Guest_features_and_ovmf_hash_are_snp_only()
    {
        Assert.Contains("apply to SEV-SNP only", Measure(new() { Mode = SevMode.SevEs, Firmware = MeasureFixtures.AmdSev, VcpuType = "EPYC-v4", GuestFeatures = 0x21 }).Message);
        Assert.Contains("OVMF hash applies to SEV-SNP only", Measure(new() { Mode = SevMode.Sev, Firmware = MeasureFixtures.AmdSev, SnpOvmfHash = new string('0', 96) }).Message);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("086e2e9149ebf45abdc3445fba5b2da8270bdbb04094d7a2c37faaa4b24af3aa")]
    public void Ovmf_hash_must_be_48_bytes_of_hex(string hash)
    {
        var error = Measure(new() { Mode = SevMode.SevSnp, Firmware = MeasureFixtures.AmdSev, VcpuType = "EPYC-v4", GuestFeatures = 1, SnpOvmfHash = hash });

        Assert.Contains("is not 96 hex digits", error.Message);
    }

    [Fact]
    public void Initrd_or_command_line_without_kernel_is_refused()
    {
        var error = Measure(new() { Mode = SevMode.Sev, Firmware = MeasureFixtures.AmdSev, CommandLine = "quiet" });

        Assert.Equal("sev measurement: an initrd or command line is measured only with the kernel it belongs to; pass the kernel too", error.Message);
    }

    [Fact]
    public void Vmsa_modes_need_a_vcpu_type_and_at_least_one_vcpu()
    {
        Assert.Contains("no vCPU type", Measure(new() { Mode = SevMode.SevEs, Firmware = MeasureFixtures.AmdSev }).Message);
        Assert.Contains("0 vCPUs", Measure(new() { Mode = SevMode.SevSnp, Firmware = MeasureFixtures.AmdSev, VcpuType = "EPYC-v4", GuestFeatures = 1, Vcpus = 0 }).Message);
    }

    [Fact]
    public void Missing_kernel_file_is_named()
    {
        var kernel = Path.Combine(fixtures.Folder, "missing-bzImage");

        var error = Measure(new() { Mode = SevMode.Sev, Firmware = MeasureFixtures.AmdSev, Kernel = kernel });

        Assert.Equal($"kernel {kernel} does not exist: pass the kernel the guest boots", error.Message);
    }

    [Fact]
    public void Modes_parse_from_their_names()
    {
        Assert.Equal(SevMode.SevSnp, SevModeNames.Parse("SEV-SNP"));
        Assert.Equal(SevMode.SevEs, SevModeNames.Parse("sev-es"));
        Assert.Throws<MeasurementException>(() => SevModeNames.Parse("tdx"));
    }

    static MeasurementException Measure(MeasurementRequest request) =>
        Assert.Throws<MeasurementException>(() => LaunchMeasurement.Compute(request));
}
