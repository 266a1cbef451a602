using SevStack.Measurement.Vmsa;

namespace SevStack.Measurement.Tests;

/// <summary>
/// Expected signatures are the CPUID Fn0000_0001 EAX values of the real parts (the ones AMD's microcode files are named
/// after, e.g. Milan family 19h model 01h stepping 1 = 00A00F11; ../shared/testdata/host/cpuinfo-amd-epyc-7413-milan-snp.txt
/// shows family 25, model 1, stepping 1), or worked out by hand from the AMD CPUID specification's field layout.
/// </summary>
public sealed class VcpuTypeTests
{
    [Theory]
    [InlineData("EPYC-v4", 0x00800F12u)]     // family 17h = 0xF + 0x8, model 1, stepping 2
    [InlineData("EPYC", 0x00800F12u)]
    [InlineData("EPYC-Rome", 0x00830F10u)]   // family 17h, model 31h: extended model 3, model 1
    [InlineData("EPYC-Milan", 0x00A00F11u)]  // family 19h = 0xF + 0xA, model 1, stepping 1
    [InlineData("EPYC-Genoa", 0x00A10F10u)]  // family 19h, model 11h, stepping 0
    [InlineData("epyc-turin-v1", 0x00B00F00u)]  // family 1Ah = 0xF + 0xB
    public void Qemu_models_map_to_their_cpuid_signature(string name, uint expected)
    {
        Assert.Equal(expected, VcpuTypes.Find(name).Signature);
    }

    [Fact]
    public void Family_up_to_15_has_no_extended_family()
    {
        Assert.Equal(0x00000F41u, new VcpuType("k8", 15, 4, 1).Signature);
        Assert.Equal(0x00000621u, new VcpuType("k7", 6, 2, 1).Signature);
    }

    [Fact]
    public void Unknown_model_lists_the_known_ones()
    {
        var error = Assert.Throws<MeasurementException>(() => VcpuTypes.Find("Skylake-Server"));

        Assert.StartsWith("unknown vCPU type 'Skylake-Server': use one of EPYC, EPYC-v1,", error.Message);
    }
}
