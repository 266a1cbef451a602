using System.Security.Cryptography;
using System.Text;

namespace SevStack.Measurement.Tests;

/// <summary>
/// SEV and SEV-ES digests with real (non-empty) kernel and initrd contents, computed a second way in the test from their
/// definition: SHA-256 over the firmware bytes, the hashes table written out from QEMU's struct layout, and (SEV-ES) one
/// VMSA per vCPU written out from the APM offsets (<see cref="ExpectedVmsa"/>).
/// </summary>
public sealed class SecondWayDigestTests : IClassFixture<MeasureFixtures>
{
    const uint EpycV4 = 0x00800F12;
    const uint AmdSevApResetAddress = 0x0080_B004;

    readonly string kernel;
    readonly string initrd;

    public SecondWayDigestTests(MeasureFixtures fixtures)
    {
        kernel = Path.Combine(fixtures.Folder, "bzImage-second-way");
        initrd = Path.Combine(fixtures.Folder, "initrd-second-way");
        File.WriteAllBytes(kernel, [.. Enumerable.Range(0, 10_000).Select(i => (byte)(i * 7))]);
        File.WriteAllText(initrd, "an initrd");
    }

    [Fact]
    public void Sev_digest_is_sha256_of_firmware_and_hashes_table()
    {
        var result = LaunchMeasurement.Compute(new MeasurementRequest
        {
            Mode = SevMode.Sev, Firmware = MeasureFixtures.AmdSev, Kernel = kernel, Initrd = initrd, CommandLine = "root=/dev/vda quiet",
        });

        var expected = SHA256.HashData([.. File.ReadAllBytes(MeasureFixtures.AmdSev), .. Table("root=/dev/vda quiet")]);
        Assert.Equal(Convert.ToHexStringLower(expected), result.Digest);
        Assert.Equal("sha256", result.DigestAlgorithm);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void SevEs_digest_adds_one_vmsa_per_vcpu(int vcpus)
    {
        var result = LaunchMeasurement.Compute(new MeasurementRequest
        {
            Mode = SevMode.SevEs, Firmware = MeasureFixtures.AmdSev, Vcpus = vcpus, VcpuType = "EPYC-v4",
            Kernel = kernel, Initrd = initrd, CommandLine = "console=hvc0",
        });

        var vmsas = Enumerable.Range(0, vcpus)
            .SelectMany(i => ExpectedVmsa.Page(i == 0 ? 0xFFFF_FFF0 : AmdSevApResetAddress, EpycV4, sevFeatures: 0));
        var expected = SHA256.HashData([.. File.ReadAllBytes(MeasureFixtures.AmdSev), .. Table("console=hvc0"), .. vmsas]);
        Assert.Equal(Convert.ToHexStringLower(expected), result.Digest);
    }

    [Fact]
    public void SevEs_without_direct_boot_covers_firmware_and_vmsas_only()
    {
        var result = LaunchMeasurement.Compute(new MeasurementRequest
        {
            Mode = SevMode.SevEs, Firmware = MeasureFixtures.OvmfX64, Vcpus = 2, VcpuType = "EPYC-Milan",
        });

        var expected = SHA256.HashData([
            .. File.ReadAllBytes(MeasureFixtures.OvmfX64),
            .. ExpectedVmsa.Page(0xFFFF_FFF0, 0x00A00F11, 0),
            .. ExpectedVmsa.Page(AmdSevApResetAddress, 0x00A00F11, 0)]);
        Assert.Equal(Convert.ToHexStringLower(expected), result.Digest);
    }

    byte[] Table(string commandLine)
    {
        static string Entry(string guidLe, byte[] hash) => guidLe + "3200" + Convert.ToHexStringLower(hash);
        var hex = "06d63894224fc94cb479a793d411fd21" + "a800"
            + Entry("d82dd09720bd944caa78e7714d36ab2a", SHA256.HashData(Encoding.UTF8.GetBytes(commandLine + "\0")))
            + Entry("31f7ba442f3ad74b9af141e29169781d", SHA256.HashData(File.ReadAllBytes(initrd)))
            + Entry("3794e74dd2ab7f42b835d5b172d2045b", SHA256.HashData(File.ReadAllBytes(kernel)))
            + "0000000000000000";
        return Convert.FromHexString(hex);
    }
}
