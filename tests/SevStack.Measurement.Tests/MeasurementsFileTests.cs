using SevStack.Measurement.Output;
using SevStack.Testing;

namespace SevStack.Measurement.Tests;

public sealed class MeasurementsFileTests
{
    static readonly MeasurementResult Snp = new(
        SevMode.SevSnp, 2, "EPYC-Milan", 0x00A00F11, 0x21, "/out/OVMF.fd", "/out/bzImage", null, "console=\"ttyS0\" <x>", null,
        "803f691094946e42068aaa3a8f9e26a5c89f36f7b73ecfb28c653360fe4b3aba7e534442e7e1e17895dfe778d0228977");

    static readonly MeasurementResult Sev = new(
        SevMode.Sev, 1, null, null, 0, "/out/OVMF.fd", null, null, null, null,
        "b4c021e085fb83ceffe6571a3d357b4a98773c83c474e47f76c876708fe316da");

    [Fact]
    public void Json_names_every_field_in_camel_case_with_hex_numbers()
    {
        var json = MeasurementsFile.Serialize([Snp, Sev]);

        Assert.Equal(
            """
            {
              "measurements": [
                {
                  "mode": "sev-snp",
                  "vmm": "qemu",
                  "vcpus": 2,
                  "vcpuType": "EPYC-Milan",
                  "vcpuSignature": "0x00a00f11",
                  "guestFeatures": "0x21",
                  "firmware": "/out/OVMF.fd",
                  "kernel": "/out/bzImage",
                  "initrd": null,
                  "commandLine": "console=\"ttyS0\" <x>",
                  "snpOvmfHash": null,
                  "digestAlgorithm": "sha384",
                  "digest": "803f691094946e42068aaa3a8f9e26a5c89f36f7b73ecfb28c653360fe4b3aba7e534442e7e1e17895dfe778d0228977"
                },
                {
                  "mode": "sev",
                  "vmm": "qemu",
                  "vcpus": 1,
                  "vcpuType": null,
                  "vcpuSignature": null,
                  "guestFeatures": "0x0",
                  "firmware": "/out/OVMF.fd",
                  "kernel": null,
                  "initrd": null,
                  "commandLine": null,
                  "snpOvmfHash": null,
                  "digestAlgorithm": "sha256",
                  "digest": "b4c021e085fb83ceffe6571a3d357b4a98773c83c474e47f76c876708fe316da"
                }
              ]
            }

            """.Replace("\r\n", "\n"),
            json);
    }

    [Fact]
    public void Written_file_reads_back_equal_and_leaves_no_temporary()
    {
        using var folder = new TempDirectory();
        var path = folder.Combine("artifacts", "measurements.json");

        MeasurementsFile.Write(path, [Snp, Sev]);

        Assert.Equal([Snp, Sev], MeasurementsFile.Read(path));
        Assert.Equal(["measurements.json"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public void Bad_hex_field_is_a_json_error()
    {
        var json = MeasurementsFile.Serialize([Sev]).Replace("\"0x0\"", "\"zero\"");

        Assert.Throws<System.Text.Json.JsonException>(() => MeasurementsFile.Deserialize(json));
    }
}
