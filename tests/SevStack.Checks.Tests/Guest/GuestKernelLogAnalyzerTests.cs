using SevStack.Checks.Guest;
using SevStack.Checks.Tests.Support;

namespace SevStack.Checks.Tests.Guest;

public sealed class GuestKernelLogAnalyzerTests
{
    static GuestLogFindings Sample(string name) => GuestKernelLogAnalyzer.Analyze(File.ReadAllText(HostTree.Sample(name)));

    [Fact]
    public void Old_wording_means_sev_with_bounce_buffers()
    {
        var findings = Sample("dmesg-guest-sev-4.x.txt");

        Assert.Equal(SevLevel.Sev, findings.Level);
        Assert.True(findings.UsesDmaBounceBuffers);
        Assert.Equal(2, findings.EncryptionLines.Count);
    }

    [Fact]
    public void New_wording_with_amd_moved_is_read_as_snp()
    {
        var findings = Sample("dmesg-guest-snp-6.x.txt");

        Assert.Equal(SevLevel.SevSnp, findings.Level);
        Assert.True(findings.SevGuestDriver);
        Assert.Equal("Memory Encryption Features active: AMD SEV SEV-ES SEV-SNP", findings.EncryptionLines[0]);
    }

    [Fact]
    public void Every_snp_line_of_a_6_x_guest_is_evidence()
    {
        var findings = Sample("dmesg-guest-snp-6.x.txt");

        Assert.Equal(
            ["Memory Encryption Features active: AMD SEV SEV-ES SEV-SNP", "SEV: Using SNP CPUID table, 31 entries present.", "SEV: SNP guest platform device initialized."],
            findings.EncryptionLines);
    }

    /// <summary>The SNP platform device alone (the earlier lines cut off, e.g. by a log saved from a later point) still shows SNP.</summary>
    [Fact]
    public void The_snp_guest_platform_device_line_alone_means_snp() =>
        Assert.Equal(SevLevel.SevSnp, GuestKernelLogAnalyzer.Analyze("[    0.514574] SEV: SNP guest platform device initialized.\n").Level);

    [Theory]
    [InlineData("dmesg-host-snp-6.9.txt")]
    [InlineData("dmesg-host-snp-5.19.txt")]
    [InlineData("dmesg-host-ccp-sev-snp-firmware.txt")]
    public void Host_logs_that_mention_sev_are_not_mistaken_for_a_guest(string hostSample) =>
        Assert.Equal(SevLevel.None, Sample(hostSample).Level);

    [Fact]
    public void Host_sme_is_not_guest_sev() =>
        Assert.Equal(SevLevel.None, GuestKernelLogAnalyzer.Analyze("[    0.000000] Memory Encryption Features active: AMD SME\n").Level);

    // The SWIOTLB lines below follow kernel/dma/swiotlb.c's formats: "mapped [mem ...] (NMB)" from 5.x on,
    // "[mem ...] (NMB) mapped at [...]" in 4.x; when the pool is resized for SEV the last line wins.
    [Theory]
    [InlineData("[    0.713255] software IO TLB: mapped [mem 0x00000000bbfdf000-0x00000000bffdf000] (64MB)", 64)]
    [InlineData("[    0.000000] software IO TLB [mem 0xbbfdf000-0xbffdf000] (64MB) mapped at [ffff8800bbfdf000-ffff8800bffdefff]", 64)]
    [InlineData("software IO TLB: mapped [mem 0x000000005c000000-0x000000007c000000] (512MB)", 512)]
    public void Swiotlb_size_is_read_in_both_formats(string line, int megabytes) =>
        Assert.Equal(megabytes, GuestKernelLogAnalyzer.Analyze(line).SwiotlbMegabytes);

    [Theory]
    [InlineData("Kernel command line: console=ttyS0 root=/dev/vda1 swiotlb=262144", "virtio-blk")]
    [InlineData("Kernel command line: root=/dev/sda1 ro\nscsi host0: Virtio SCSI HBA", "virtio-scsi")]
    [InlineData("Kernel command line: tsc=reliable root=/dev/pmem0p1 rootflags=dax,data=ordered,errors=remount-ro ro rootfstype=ext4", "nvdimm/virtio-pmem")]
    [InlineData("virtio_blk virtio2: [vda] 41943040 512-byte logical blocks (21.5 GB/20.0 GiB)", "virtio-blk")]
    public void Root_device_driver_is_recognised(string log, string driver) =>
        Assert.Equal(driver, GuestKernelLogAnalyzer.Analyze(log).Root?.Driver);

    [Fact]
    public void A_small_swiotlb_and_virtio_blk_root_warn_in_an_sev_guest()
    {
        var log = string.Join('\n',
            "[    0.000000] Kernel command line: console=ttyS0 root=/dev/vda1",
            "[    0.001000] AMD Secure Encrypted Virtualization (SEV) active",
            "[    0.713255] software IO TLB: mapped [mem 0x00000000bbfdf000-0x00000000bffdf000] (64MB)");
        var report = GuestChecker.FromLog("test", log);

        var swiotlb = report.Checks.Single(c => c.Id == "swiotlb");
        Assert.Equal(SevStack.Checks.Report.CheckStatus.Warn, swiotlb.Status);
        Assert.Contains("swiotlb=262144", swiotlb.Fix);
        Assert.Equal(SevStack.Checks.Report.CheckStatus.Warn, report.Checks.Single(c => c.Id == "root-device").Status);
        Assert.True(report.Passed);
    }
}
