using System.Security.Cryptography;
using SevStack.Measurement.Snp;

namespace SevStack.Measurement.Tests;

/// <summary>
/// The expected digests are SHA-384 of PAGE_INFO structures written out byte by byte from the SEV-SNP ABI
/// specification's layout: current digest (48), contents (48), length 0x70 (2), page type (1), IMI (1), VMPL3/2/1
/// permissions and a reserved byte (4), GPA (8).
/// </summary>
public sealed class SnpLaunchDigestTests
{
    [Fact]
    public void Zero_page_extends_with_zero_contents_and_its_gpa()
    {
        var digest = new SnpLaunchDigest();

        digest.AddZeroPages(0x80_0000, 4096);

        var pageInfo = Convert.FromHexString(new string('0', 96 * 2) + "7000" + "03" + "00" + "00000000" + "0000800000000000");
        Assert.Equal(SHA384.HashData(pageInfo), digest.Current.ToArray());
    }

    [Fact]
    public void Normal_pages_chain_each_pages_sha384()
    {
        var data = new byte[8192];
        data[5000] = 0x42;
        var digest = new SnpLaunchDigest();

        digest.AddNormalPages(0xFFFF_E000, data);

        var first = SHA384.HashData([.. new byte[48], .. SHA384.HashData(data.AsSpan(0, 4096)), .. Convert.FromHexString("7000010000000000" + "00e0ffff00000000")]);
        var second = SHA384.HashData([.. first, .. SHA384.HashData(data.AsSpan(4096)), .. Convert.FromHexString("7000010000000000" + "00f0ffff00000000")]);
        Assert.Equal(second, digest.Current.ToArray());
    }

    [Fact]
    public void Vmsa_page_is_recorded_at_the_vmsa_gpa()
    {
        var vmsa = new byte[4096];
        vmsa[0] = 1;
        var start = SHA384.HashData("start"u8);
        var digest = new SnpLaunchDigest(start);

        digest.AddVmsaPage(vmsa);

        var expected = SHA384.HashData([.. start, .. SHA384.HashData(vmsa), .. Convert.FromHexString("7000020000000000" + "00f0ffffffff0000")]);
        Assert.Equal(expected, digest.Current.ToArray());
    }

    [Theory]
    [InlineData(SnpPageType.Secrets, "05")]
    [InlineData(SnpPageType.Cpuid, "06")]
    public void Secrets_and_cpuid_pages_carry_their_type(SnpPageType type, string typeByte)
    {
        var digest = new SnpLaunchDigest();

        if (type == SnpPageType.Secrets)
            digest.AddSecretsPage(0x80_D000);
        else
            digest.AddCpuidPage(0x80_D000);

        var pageInfo = Convert.FromHexString(new string('0', 192) + "7000" + typeByte + "0000000000" + "00d0800000000000");
        Assert.Equal(SHA384.HashData(pageInfo), digest.Current.ToArray());
    }

    [Fact]
    public void Partial_pages_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new SnpLaunchDigest().AddNormalPages(0, new byte[100]));
    }
}
