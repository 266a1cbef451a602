using SevStack.Checks.Probes;
using SevStack.Checks.Tests.Support;

namespace SevStack.Checks.Tests.Host;

public sealed class HostKernelLogFactsTests
{
    static HostKernelLogFacts Sample(params string[] names) => HostKernelLogFacts.Parse(
        KernelLog.Parse("test", string.Concat(names.Select(n => File.ReadAllText(HostTree.Sample(n))))));

    [Fact]
    public void Firmware_versions_are_read_separately_for_sev_and_snp()
    {
        var facts = Sample("dmesg-host-ccp-sev-snp-firmware.txt");

        Assert.Equal((1, 55, 24), (facts.SevApi!.Major, facts.SevApi.Minor, facts.SevApi.Build));
        Assert.Equal((1, 55, 24), (facts.SnpApi!.Major, facts.SnpApi.Minor, facts.SnpApi.Build));
    }

    [Fact]
    public void An_snp_only_line_is_not_taken_for_the_sev_api()
    {
        var facts = Sample("dmesg-host-snp-5.19.txt");

        Assert.Null(facts.SevApi);
        Assert.Equal(51, facts.SnpApi!.Minor);
    }

    [Fact]
    public void Asids_are_read_in_the_old_prefixed_and_new_wordings()
    {
        var old = Sample("dmesg-host-snp-5.19.txt").Asids;
        var prefixed = Sample("dmesg-host-sev-es-svm-prefix.txt").Asids;
        var current = Sample("dmesg-host-snp-6.9.txt").Asids;

        Assert.Equal([("SEV", 410), ("SEV-ES", 99), ("SEV-SNP", 99)], old.Select(a => (a.Feature, a.Count)));
        Assert.Equal([("SEV", 478), ("SEV-ES", 31)], prefixed.Select(a => (a.Feature, a.Count)));
        Assert.Equal([("SEV", 497), ("SEV-ES", 509), ("SEV-SNP", 509)], current.Select(a => (a.Feature, a.Count)));
        Assert.All(current, a => Assert.True(a.Enabled));
    }

    [Fact]
    public void Rmp_table_lines_are_read_in_the_5_19_and_6_x_wordings()
    {
        Assert.Equal(["SEV-SNP: RMP table physical address 0x0000000035600000 - 0x0000000075bfffff"], Sample("dmesg-host-snp-5.19.txt").RmpTableLines);
        Assert.Equal(2, Sample("dmesg-host-snp-6.9.txt").RmpTableLines.Count);
        Assert.Empty(Sample("dmesg-host-ccp-sev-snp-firmware.txt").RmpTableLines);
        Assert.All(new[] { "dmesg-host-snp-5.19.txt", "dmesg-host-snp-6.9.txt", "dmesg-host-ccp-sev-snp-firmware.txt" },
            name => Assert.Empty(Sample(name).SnpSetupFailures));
    }

    [Fact]
    public void A_reason_to_leave_snp_off_is_a_failure_not_an_rmp_table() =>
        Assert.Equal(
            (0, 1),
            HostKernelLogFacts.Parse(KernelLog.Parse("test", "[    2.1] SEV-SNP: Memory for the RMP table has not been reserved by BIOS")) is var facts
                ? (facts.RmpTableLines.Count, facts.SnpSetupFailures.Count)
                : default);

    [Theory]
    [InlineData("ccp 0000:47:00.1: SEV: failed to INIT error 0x1, rc -5", 0x1)]
    [InlineData("ccp 0000:01:00.5: SEV: failed to INIT rc -5, error 0x13", 0x13)]
    public void Init_error_codes_are_read_in_both_argument_orders(string line, int code)
    {
        Assert.Equal(code, HostKernelLogFacts.InitErrorCode(line));
        Assert.Single(HostKernelLogFacts.Parse(KernelLog.Parse("test", line)).InitFailures);
    }

    [Fact]
    public void A_disabled_feature_in_the_new_wording_has_no_asids()
    {
        var asid = Assert.Single(HostKernelLogFacts.Parse(KernelLog.Parse("test", "kvm_amd: SEV-ES disabled (ASIDs 1 - 0)")).Asids);

        Assert.False(asid.Enabled);
        Assert.Equal(0, asid.Count);
    }

    [Fact]
    public void Sample_comment_lines_are_not_kernel_output() =>
        Assert.DoesNotContain(KernelLog.Parse("test", File.ReadAllText(HostTree.Sample("dmesg-host-sev-es.txt"))).Lines, l => l.StartsWith('#'));
}
