using SevStack.Components.Ovmf;
using SevStack.Measurement.Firmware;
using SevStack.Testing;
using SevStack.Toolkit;

namespace SevStack.Components.Tests.Ovmf;

/// <summary>The image check on the real OVMF footers in ../shared/testdata/measure (read-only) and on images crafted from them.</summary>
public sealed class OvmfImageCheckTests : IDisposable
{
    static readonly string AmdSevFooter = SharedData.TestData("measure", "ovmf_AmdSev_suffix.bin");
    static readonly string OvmfX64Footer = SharedData.TestData("measure", "ovmf_OvmfX64_suffix.bin");

    readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    /// <summary>A copy of a real footer, changed by <paramref name="craft"/>.</summary>
    string Crafted(string footer, string name, Action<byte[], OvmfImage> craft)
    {
        var data = File.ReadAllBytes(footer);
        craft(data, OvmfImage.FromBytes(data, footer));
        var path = temp.Combine(name);
        File.WriteAllBytes(path, data);
        return path;
    }

    /// <summary>Byte offset of the type field of the first metadata section of <paramref name="type"/>.</summary>
    static int SectionTypeOffset(byte[] data, OvmfImage image, SevMetadataSectionType type)
    {
        var metadata = data.Length - (int)image.Footer.ReadUInt32(FooterGuids.SevMetadata)!.Value;
        var index = image.Metadata.ToList().FindIndex(s => s.Type == type);
        return metadata + 16 + index * 12 + 8;
    }

    [Theory]
    [InlineData(OvmfVariant.AmdSev, SevBuildLevel.Snp)]
    [InlineData(OvmfVariant.AmdSev, SevBuildLevel.Sev)]
    [InlineData(OvmfVariant.Kata, SevBuildLevel.Snp)]
    public void Real_AmdSev_footer_has_what_every_variant_and_level_needs(OvmfVariant variant, SevBuildLevel level)
    {
        var image = OvmfImageCheck.Require(AmdSevFooter, variant, level);

        Assert.Equal(5, image.Footer.Guids.Count);
    }

    [Fact]
    public void Real_OvmfX64_footer_is_an_snp_kata_image_but_no_AmdSev_one()
    {
        OvmfImageCheck.Require(OvmfX64Footer, OvmfVariant.Kata, SevBuildLevel.Snp);

        var error = Assert.Throws<BuildException>(() => OvmfImageCheck.Require(OvmfX64Footer, OvmfVariant.AmdSev, SevBuildLevel.Snp));
        Assert.StartsWith($"{OvmfX64Footer} has no SEV secret area (4c2eb361-7d9b-4cc3-8081-127c90d3d294) in its footer table", error.Message);
    }

    [Fact]
    public void An_image_without_the_snp_metadata_entry_passes_for_sev_and_fails_for_snp_in_one_line()
    {
        var image = Crafted(OvmfX64Footer, "no-metadata.fd", (data, _) =>
        {
            var guid = FooterGuids.SevMetadata.ToByteArray();
            data[data.AsSpan().IndexOf(guid)] ^= 0xFF;
        });

        OvmfImageCheck.Require(image, OvmfVariant.Kata, SevBuildLevel.Sev);
        var error = Assert.Throws<BuildException>(() => OvmfImageCheck.Require(image, OvmfVariant.Kata, SevBuildLevel.Snp));

        Assert.Equal($"{image} has no SEV-SNP metadata (dc886566-984a-4798-a75e-5585a7bf67cc) in its footer table: the Kata OVMF cannot launch SEV-SNP guests "
            + "(build the kata or amd-sev platform from an edk2 with SEV-SNP support, e.g. 2025.02).", error.Message);
    }

    [Fact]
    public void Snp_metadata_without_a_cpuid_page_is_named()
    {
        var image = Crafted(OvmfX64Footer, "no-cpuid.fd", (data, parsed) =>
            data[SectionTypeOffset(data, parsed, SevMetadataSectionType.Cpuid)] = (byte)SevMetadataSectionType.SnpSecMem);

        var error = Assert.Throws<BuildException>(() => OvmfImageCheck.Require(image, OvmfVariant.Kata, SevBuildLevel.Snp));

        Assert.StartsWith($"{image}'s SEV-SNP metadata lists 6 section(s) but none of type Cpuid, which an SNP launch fills:", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void An_AmdSev_image_for_snp_needs_the_kernel_hashes_section()
    {
        var image = Crafted(AmdSevFooter, "no-hashes-page.fd", (data, parsed) =>
            data[SectionTypeOffset(data, parsed, SevMetadataSectionType.SnpKernelHashes)] = (byte)SevMetadataSectionType.SnpSecMem);

        OvmfImageCheck.Require(image, OvmfVariant.Kata, SevBuildLevel.Snp);
        var error = Assert.Throws<BuildException>(() => OvmfImageCheck.Require(image, OvmfVariant.AmdSev, SevBuildLevel.Snp));

        Assert.Contains("but none of type SnpKernelHashes", error.Message);
    }

    [Fact]
    public void An_snp_image_without_the_sev_es_reset_block_is_refused()
    {
        var image = Crafted(OvmfX64Footer, "no-reset-block.fd", (data, _) =>
            data[data.AsSpan().IndexOf(FooterGuids.SevEsResetBlock.ToByteArray())] ^= 0xFF);

        var error = Assert.Throws<BuildException>(() => OvmfImageCheck.Require(image, OvmfVariant.Kata, SevBuildLevel.Snp));

        Assert.StartsWith($"{image} has no SEV-ES reset block (00f771de-1a7e-4fcb-890e-68c77e2fb44e) in its footer table, where SNP application processors start:", error.Message);
    }

    [Fact]
    public void A_damaged_footer_table_is_one_line_naming_the_image()
    {
        var image = Crafted(AmdSevFooter, "damaged.fd", (data, _) => data[0xFBC] = 0xFF);

        var error = Assert.Throws<SevStack.Measurement.MeasurementException>(() => OvmfImageCheck.Require(image, OvmfVariant.Kata, SevBuildLevel.Sev));

        Assert.StartsWith($"{image}: the OVMF footer table is malformed", error.Message);
    }
}
