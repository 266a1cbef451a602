using SevStack.Checks.Guest;
using SevStack.Checks.Report;
using SevStack.Checks.Tests.Support;
using SevStack.Toolkit.Processes;
using SevStack.Testing;

namespace SevStack.Checks.Tests.Guest;

public sealed class GuestReportTests
{
    static readonly CliWrapCommandRunner Runner = new(new MemoryBuildLog(), Privilege.Detect());

    public static TheoryData<string, SevLevel, ulong> Samples => new()
    {
        { "dmesg-guest-sev-4.x.txt", SevLevel.Sev, 0b001 },
        { "dmesg-guest-sev-es.txt", SevLevel.SevEs, 0b011 },
        { "dmesg-guest-snp-5.19.txt", SevLevel.SevSnp, 0b111 },
        { "dmesg-guest-snp-6.x.txt", SevLevel.SevSnp, 0b111 },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Every_real_guest_log_passes_at_its_level(string sample, SevLevel level, ulong sevStatus)
    {
        using var tree = new GuestTree().KernelLog(sample).SevStatus(sevStatus);
        var report = await GuestChecker.RunAsync(new GuestCheckOptions { GuestRoot = tree.Root, ExpectedLevel = level }, Runner);

        Approved.Verify(tree.Normalize(TextReportWriter.Write(report)), Path.GetFileNameWithoutExtension(sample));
        Assert.True(report.Passed);
        Assert.Equal(CheckStatus.Pass, report.Checks.Single(c => c.Id == "guest-sev-log").Status);
        Assert.Equal(CheckStatus.Pass, report.Checks.Single(c => c.Id == "guest-sev-msr").Status);
    }

    [Fact]
    public async Task A_plain_sev_guest_fails_when_snp_was_expected()
    {
        using var tree = new GuestTree().KernelLog("dmesg-guest-sev-4.x.txt").SevStatus(0b001);
        var report = await GuestChecker.RunAsync(new GuestCheckOptions { GuestRoot = tree.Root, ExpectedLevel = SevLevel.SevSnp }, Runner);

        Assert.Equal(["guest-sev-log", "guest-sev-msr"], report.Failed.Select(c => c.Id));
        Assert.Contains("SEV-SNP was expected but only SEV is active", report.Checks[0].Cause);
    }

    [Fact]
    public async Task An_unencrypted_guest_fails_both_required_checks()
    {
        using var tree = new GuestTree().KernelLogText(File.ReadAllText(HostTree.Fixture("dmesg-guest-unencrypted.txt"))).SevStatus(0);
        var report = await GuestChecker.RunAsync(new GuestCheckOptions { GuestRoot = tree.Root }, Runner);

        Approved.Verify(tree.Normalize(TextReportWriter.Write(report)), "unencrypted");
        Assert.Equal(1, report.ExitCode);
        Assert.Equal(["guest-sev-log", "guest-sev-msr"], report.Failed.Select(c => c.Id));
    }

    [Fact]
    public async Task Without_the_msr_driver_the_msr_check_is_skipped_with_the_fix()
    {
        using var tree = new GuestTree().KernelLog("dmesg-guest-snp-6.x.txt");
        var report = await GuestChecker.RunAsync(new GuestCheckOptions { GuestRoot = tree.Root }, Runner);

        var msr = report.Checks.Single(c => c.Id == "guest-sev-msr");
        Assert.Equal(CheckStatus.Skip, msr.Status);
        Assert.Contains("modprobe msr", msr.Fix);
        Assert.True(report.Passed);
    }

    [Fact]
    public void A_saved_kata_container_log_is_checked_without_msrs()
    {
        var report = GuestChecker.FromLog("docker run busybox dmesg", File.ReadAllText(HostTree.Sample("dmesg-guest-sev-4.x.txt")));

        Assert.True(report.Passed);
        Assert.Equal("docker run busybox dmesg", report.Source);
        Assert.Equal(CheckStatus.Skip, report.Checks.Single(c => c.Id == "guest-sev-msr").Status);
    }

    [Fact]
    public async Task An_snp_guest_without_the_sev_guest_driver_warns_until_the_device_exists()
    {
        using var tree = new GuestTree().KernelLog("dmesg-guest-snp-5.19.txt").SevStatus(0b111);
        var options = new GuestCheckOptions { GuestRoot = tree.Root, ExpectedLevel = SevLevel.SevSnp };

        var before = await GuestChecker.RunAsync(options, Runner);
        File.WriteAllText(Path.Combine(tree.Root, "dev", "sev-guest"), "");
        var after = await GuestChecker.RunAsync(options, Runner);

        Assert.Equal(CheckStatus.Warn, before.Checks.Single(c => c.Id == "sev-guest-driver").Status);
        Assert.Contains("modprobe sev-guest", before.Checks.Single(c => c.Id == "sev-guest-driver").Fix);
        Assert.Equal(CheckStatus.Pass, after.Checks.Single(c => c.Id == "sev-guest-driver").Status);
    }

    public static TheoryData<string> HostLogs => new(Directory.GetFiles(SharedData.TestData("host"), "dmesg-host-*.txt").Select(Path.GetFileName).OfType<string>().Order());

    [Theory]
    [MemberData(nameof(HostLogs))]
    public async Task A_host_kernel_log_is_no_guest_evidence(string sample)
    {
        var report = await GuestChecker.RunAsync(new GuestCheckOptions { KernelLogPath = HostTree.Sample(sample) }, Runner);

        var log = report.Checks.Single(c => c.Id == "guest-sev-log");
        Assert.Equal(CheckStatus.Fail, log.Status);
        Assert.Contains("is a host's kernel log", log.Cause);
        Assert.Contains("CheckHost", log.Fix);
        Assert.False(report.Passed);
        Assert.Equal(1, report.ExitCode);
    }

    [Fact]
    public async Task A_missing_kernel_log_fails_and_names_the_file()
    {
        var report = await GuestChecker.RunAsync(new GuestCheckOptions { KernelLogPath = "/nonexistent" }, Runner);

        var log = report.Checks.Single(c => c.Id == "guest-sev-log");
        Assert.Equal(CheckStatus.Fail, log.Status);
        Assert.Equal(["no kernel log: kernel log file /nonexistent does not exist"], log.Evidence);
        Assert.False(report.Passed);
        Assert.Contains("Result: FAIL, required checks failed: guest-sev-log", TextReportWriter.Write(report));
    }

    [Fact]
    public async Task An_empty_kernel_log_fails()
    {
        using var tree = new GuestTree().KernelLogText("# saved by hand, nothing in it\n\n");
        var report = await GuestChecker.RunAsync(new GuestCheckOptions { GuestRoot = tree.Root, ExpectedLevel = SevLevel.Sev }, Runner);

        var log = report.Checks.Single(c => c.Id == "guest-sev-log");
        Assert.Equal(CheckStatus.Fail, log.Status);
        Assert.Contains("/var/log/dmesg is empty", log.Cause);
        Assert.False(report.Passed);
    }

    [Fact]
    public async Task A_saved_log_checked_on_this_machine_does_not_read_this_machines_msrs()
    {
        var report = await GuestChecker.RunAsync(new GuestCheckOptions { KernelLogPath = HostTree.Sample("dmesg-guest-sev-es.txt"), ExpectedLevel = SevLevel.SevEs }, Runner);

        var msr = report.Checks.Single(c => c.Id == "guest-sev-msr");
        Assert.Equal(CheckStatus.Skip, msr.Status);
        Assert.Contains("whose MSRs are not the guest's", msr.Cause);
        Assert.True(report.Passed);
    }

    [Fact]
    public void A_report_whose_required_checks_all_skipped_does_not_pass()
    {
        var report = GuestChecker.Evaluate(new GuestFacts("nowhere", new GuestCheckOptions(), null, "dmesg is not installed", [])) with { };
        var skippedOnly = report with { Checks = [.. report.Checks.Where(c => c.Status == CheckStatus.Skip)] };

        Assert.Contains(skippedOnly.Checks, c => c.Required);
        Assert.False(skippedOnly.Passed);
        Assert.Equal(1, skippedOnly.ExitCode);
        Assert.Contains("Result: FAIL, no required check found evidence: guest-sev-msr:", TextReportWriter.Write(skippedOnly));
    }
}
