using System.Security.Cryptography;
using System.Text;
using SevStack.Measurement.DirectBoot;

namespace SevStack.Measurement.Tests;

/// <summary>
/// The expected bytes are written out from QEMU's packed structs: GUIDs in EFI byte order (first three fields
/// little-endian), lengths 168 (0xa8) for the table and 50 (0x32) per entry, order command line, initrd, kernel, 8 bytes of
/// padding to 176. The hashes are well-known SHA-256 values: of "\0", of "" and of "abc".
/// </summary>
public sealed class SevHashTableTests
{
    const string ExpectedTable =
        "06d63894224fc94cb479a793d411fd21" + "a800" +
        "d82dd09720bd944caa78e7714d36ab2a" + "3200" + "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d" +
        "31f7ba442f3ad74b9af141e29169781d" + "3200" + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" +
        "3794e74dd2ab7f42b835d5b172d2045b" + "3200" + "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" +
        "0000000000000000";

    [Fact]
    public void Table_has_qemus_packed_layout()
    {
        var hashes = new DirectBootHashes(SHA256.HashData("abc"u8), SHA256.HashData([]), DirectBootHashes.HashCommandLine(null));

        Assert.Equal(ExpectedTable, Convert.ToHexStringLower(SevHashTable.Build(hashes)));
    }

    [Fact]
    public void Files_are_hashed_whole_and_the_command_line_with_its_nul()
    {
        using var folder = new SevStack.Testing.TempDirectory();
        var kernel = folder.WriteFile("bzImage", "abc");
        var initrd = folder.WriteFile("initrd", "");

        var hashes = DirectBootHashes.FromFiles(kernel, initrd, "console=ttyS0");

        Assert.Equal(SHA256.HashData("abc"u8), hashes.Kernel);
        Assert.Equal(SHA256.HashData([]), hashes.Initrd);
        Assert.Equal(SHA256.HashData(Encoding.ASCII.GetBytes("console=ttyS0\0")), hashes.CommandLine);
    }

    [Fact]
    public void Range_places_the_table_at_its_offset_among_zeros()
    {
        var hashes = new DirectBootHashes(SHA256.HashData("abc"u8), SHA256.HashData([]), DirectBootHashes.HashCommandLine(null));

        var page = SevHashTable.BuildRange(hashes, 0xC00, 4096);

        Assert.Equal(4096, page.Length);
        Assert.All(page[..0xC00], b => Assert.Equal(0, b));
        Assert.Equal(ExpectedTable, Convert.ToHexStringLower(page[0xC00..(0xC00 + 176)]));
        Assert.All(page[(0xC00 + 176)..], b => Assert.Equal(0, b));
    }

    [Fact]
    public void Range_too_small_for_the_table_is_refused()
    {
        var hashes = new DirectBootHashes(new byte[32], new byte[32], new byte[32]);

        Assert.Throws<MeasurementException>(() => SevHashTable.BuildRange(hashes, 4000, 4096));
    }
}
