using SevStack.Measurement.Firmware;
using SevStack.Testing;

namespace SevStack.Measurement.Tests;

/// <summary>
/// The expected values were read by hand from <c>xxd</c> of the fixtures: the footer entry at 4096-32-18 (size 0x88,
/// GUID 96b582de-...), then backwards the SEV-ES reset block (0x0080b004), the SEV secret area, the hashes table area
/// (0x00810c00, 0x400; zeros in OvmfX64) and the metadata offset (0x554 / 0x548 from the end), whose "ASEV" header
/// lists the sections below.
/// </summary>
public sealed class FirmwareFooterTests
{
    [Fact]
    public void AmdSev_footer_gives_the_reset_block_hashes_area_and_seven_metadata_sections()
    {
        var image = OvmfImage.Load(MeasureFixtures.AmdSev);

        Assert.Equal(0xFFFF_F000ul, image.Gpa);
        Assert.Equal(0x0080_B004u, image.ApResetAddress);
        Assert.Equal(new SevHashTableArea(0x0081_0C00, 0x400), image.HashTableArea);
        Assert.Equal(
            [
                new(0x80_0000, 0x9000, SevMetadataSectionType.SnpSecMem),
                new(0x80_A000, 0x3000, SevMetadataSectionType.SnpSecMem),
                new(0x80_D000, 0x1000, SevMetadataSectionType.SnpSecrets),
                new(0x80_E000, 0x1000, SevMetadataSectionType.Cpuid),
                new(0x80_F000, 0x1000, SevMetadataSectionType.SvsmCaa),
                new(0x81_0000, 0x1000, SevMetadataSectionType.SnpKernelHashes),
                new(0x81_1000, 0xF000, SevMetadataSectionType.SnpSecMem),
            ],
            image.Metadata);
        Assert.Equal(5, image.Footer.Guids.Count);
    }

    [Fact]
    public void OvmfX64_footer_has_no_hashes_area_and_no_kernel_hashes_section()
    {
        var image = OvmfImage.Load(MeasureFixtures.OvmfX64);

        Assert.Equal(0x0080_B004u, image.ApResetAddress);
        Assert.True(image.Footer.Contains(FooterGuids.SevHashTableArea));
        Assert.Null(image.HashTableArea);
        Assert.False(image.HasMetadataSection(SevMetadataSectionType.SnpKernelHashes));
        Assert.Equal(6, image.Metadata.Count);
        Assert.Equal(new SevMetadataSection(0x81_0000, 0x1_0000, SevMetadataSectionType.SnpSecMem), image.Metadata[^1]);
    }

    [Fact]
    public void Image_without_the_footer_guid_has_an_empty_table()
    {
        var image = OvmfImage.FromBytes(new byte[4096], "zeros.fd");

        Assert.Empty(image.Footer.Guids);
        Assert.Empty(image.Metadata);
        Assert.Null(image.ApResetAddress);
    }

    [Fact]
    public void Entry_larger_than_the_table_is_reported_with_the_image_name()
    {
        var data = File.ReadAllBytes(MeasureFixtures.AmdSev);
        // The reset block entry's size field (just before its GUID at 0xfbe) claims more than the whole table.
        data[0xFBC] = 0xFF;

        var error = Assert.Throws<MeasurementException>(() => OvmfImage.FromBytes(data, "broken.fd"));

        Assert.StartsWith("broken.fd: the OVMF footer table is malformed", error.Message);
    }

    [Fact]
    public void Metadata_without_its_signature_is_reported()
    {
        var data = File.ReadAllBytes(MeasureFixtures.AmdSev);
        data[4096 - 0x554] = (byte)'X';

        var error = Assert.Throws<MeasurementException>(() => OvmfImage.FromBytes(data, "broken.fd"));

        Assert.Equal("broken.fd: the OVMF SEV metadata is malformed (the signature is not ASEV); use an OVMF image as edk2 built it", error.Message);
    }

    [Fact]
    public void Missing_firmware_file_names_the_path()
    {
        using var folder = new TempDirectory();
        var path = folder.Combine("OVMF.fd");

        var error = Assert.Throws<MeasurementException>(() => OvmfImage.Load(path));

        Assert.Contains(path, error.Message);
    }
}
