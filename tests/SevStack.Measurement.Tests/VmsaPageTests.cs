using SevStack.Measurement.Vmsa;

namespace SevStack.Measurement.Tests;

public sealed class VmsaPageTests
{
    [Fact]
    public void Bsp_vmsa_starts_at_the_reset_vector_in_real_mode()
    {
        var page = VmsaPage.Build(0xFFFF_FFF0, 0x00800F12, 0x21);

        Assert.Equal(ExpectedVmsa.Page(0xFFFF_FFF0, 0x00800F12, 0x21), page);
    }

    [Fact]
    public void Ap_vmsas_start_at_the_firmwares_reset_block_and_differ_from_the_bsp_only_in_cs_base_and_rip()
    {
        var pages = VmsaPage.ForVcpus(3, 0x0080_B004, 0x00800F12, 0x1, "OVMF.fd");

        Assert.Equal(3, pages.Count);
        Assert.Equal(ExpectedVmsa.Page(0xFFFF_FFF0, 0x00800F12, 0x1), pages[0]);
        Assert.Equal(ExpectedVmsa.Page(0x0080_B004, 0x00800F12, 0x1), pages[1]);
        Assert.Equal(pages[1], pages[2]);
        var differing = Enumerable.Range(0, 4096).Where(i => pages[0][i] != pages[1][i]).ToList();
        Assert.All(differing, i => Assert.True(i is >= 0x18 and < 0x20 or >= 0x178 and < 0x180, $"byte 0x{i:x} differs"));
    }

    [Fact]
    public void Aps_without_a_reset_block_are_refused()
    {
        var error = Assert.Throws<MeasurementException>(() => VmsaPage.ForVcpus(2, null, 0x00800F12, 0x1, "OVMF.fd"));

        Assert.StartsWith("OVMF.fd has no SEV-ES reset block", error.Message);
    }
}
