using SevStack.Checks.Host;
using SevStack.Checks.Report;
using SevStack.Checks.Tests.Support;
using SevStack.Engine.Processes;
using SevStack.Testing;

namespace SevStack.Checks.Tests.Host;

public sealed class HostReportTests
{
    static readonly ScriptedCommandRunner NothingInstalled = new(new Dictionary<string, Func<CommandSpec, CommandResult>>());

    static async Task<(CheckReport Report, string Text)> Check(HostTree tree, ICommandRunner runner, bool withQemuAndVirsh = true)
    {
        var report = await HostChecker.RunAsync(HostFixtures.Options(tree, withQemuAndVirsh), runner);
        return (report, tree.Normalize(TextReportWriter.Write(report)));
    }

    [Fact]
    public async Task Sev_snp_epyc_passes_every_required_check()
    {
        using var tree = HostFixtures.EpycSnp();
        var (report, text) = await Check(tree, HostFixtures.Answering("qmp-query-sev-capabilities.json", "virsh-domcapabilities-amdsev.xml"));

        Approved.Verify(text, "epyc-snp");
        Approved.Verify(tree.Normalize(JsonReportWriter.Write(report)), "epyc-snp.json");
        Assert.True(report.Passed);
        Assert.Equal(0, report.ExitCode);
    }

    [Fact]
    public async Task Sev_off_in_kvm_amd_fails_with_the_module_parameter_fix()
    {
        using var tree = HostFixtures.EpycSevOffInModule();
        var runner = new ScriptedCommandRunner(new Dictionary<string, Func<CommandSpec, CommandResult>>
        {
            // QEMU's wording (target/i386/sev.c) when KVM_MEMORY_ENCRYPT_OP is refused.
            ["qemu-system-x86_64"] = _ => ScriptedCommandRunner.Output(HostFixtures.QmpSession(
                "{\"error\": {\"class\": \"GenericError\", \"desc\": \"SEV is not enabled in KVM\"}}")),
            ["virsh"] = _ => ScriptedCommandRunner.Output(File.ReadAllText(HostTree.Sample("virsh-domcapabilities-no-sev.xml"))),
        });
        var (report, text) = await Check(tree, runner);

        Approved.Verify(text, "sev-off-in-module");
        Assert.False(report.Passed);
        Assert.Equal(["kvm-amd-sev", "qemu-sev"], report.Failed.Select(c => c.Id));
    }

    [Fact]
    public async Task Intel_host_fails_on_the_vendor_and_skips_amd_only_checks()
    {
        using var tree = HostFixtures.Intel();
        var (report, text) = await Check(tree, NothingInstalled, withQemuAndVirsh: false);

        Approved.Verify(text, "intel");
        Assert.Equal(1, report.ExitCode);
        Assert.Contains(report.Failed, c => c.Id == "cpu-vendor");
        Assert.Equal(CheckStatus.Skip, report.Checks.Single(c => c.Id == "cpuid").Status);
    }

    [Fact]
    public async Task Opteron_without_sev_is_explained_by_its_cpu_family()
    {
        using var tree = HostFixtures.Opteron();
        var (report, text) = await Check(tree, NothingInstalled);

        Approved.Verify(text, "opteron");
        var flags = report.Checks.Single(c => c.Id == "cpu-flags");
        Assert.Equal(CheckStatus.Fail, flags.Status);
        Assert.Contains("family 15h", flags.Cause);
        Assert.Equal(CheckStatus.Fail, report.Checks.Single(c => c.Id == "kernel-config").Status);
        Assert.Equal(CheckStatus.Fail, report.Checks.Single(c => c.Id == "qemu-sev").Status);
        Assert.Equal(CheckStatus.Skip, report.Checks.Single(c => c.Id == "libvirt-sev").Status);
    }

    [Fact]
    public async Task Firmware_init_failure_names_the_firmware_update()
    {
        using var tree = HostFixtures.FirmwareInitFailed();
        var (report, text) = await Check(tree, NothingInstalled, withQemuAndVirsh: false);

        Approved.Verify(text, "firmware-init-failed");
        var firmware = Assert.Single(report.Failed);
        Assert.Equal("sev-firmware", firmware.Id);
        Assert.Contains("failed to INIT error 0x1", string.Join('\n', firmware.Evidence));
        Assert.Contains("/lib/firmware/amd/", firmware.Fix);
    }

    [Fact]
    public async Task Legacy_int_parameters_count_as_enabled()
    {
        using var tree = HostFixtures.LegacyIntParameters();
        var (report, text) = await Check(tree, HostFixtures.Answering("qmp-query-sev-capabilities-qemu6.json", "virsh-domcapabilities-amdsev.xml"));

        Approved.Verify(text, "legacy-int-parameters");
        Assert.True(report.Passed);
        Assert.Equal(CheckStatus.Pass, report.Checks.Single(c => c.Id == "kvm-amd-sev").Status);
        Assert.Equal(CheckStatus.Warn, report.Checks.Single(c => c.Id == "kvm-amd-sev-es").Status);
        Assert.Equal(CheckStatus.Warn, report.Checks.Single(c => c.Id == "dev-sev").Status);
        Assert.Equal(CheckStatus.Skip, report.Checks.Single(c => c.Id == "cpuid").Status);
    }

    [Fact]
    public async Task Json_output_reads_back_to_the_same_report()
    {
        using var tree = HostFixtures.EpycSevOffInModule();
        var (report, _) = await Check(tree, NothingInstalled);

        var json = JsonReportWriter.Write(report);
        var back = JsonReportWriter.Read(json);

        Assert.Equal(report.Subject, back.Subject);
        Assert.Equal(report.Passed, back.Passed);
        Assert.Equal(report.Checks.Select(c => (c.Id, c.Status, c.Required, c.Cause, c.Fix)), back.Checks.Select(c => (c.Id, c.Status, c.Required, c.Cause, c.Fix)));
        Assert.Equal(report.Checks.SelectMany(c => c.Evidence), back.Checks.SelectMany(c => c.Evidence));
        using var document = System.Text.Json.JsonDocument.Parse(json);
        Assert.False(document.RootElement.GetProperty("passed").GetBoolean());
        Assert.Equal(1, document.RootElement.GetProperty("exitCode").GetInt32());
        Assert.Equal("fail", document.RootElement.GetProperty("checks").EnumerateArray()
            .Single(c => c.GetProperty("id").GetString() == "kvm-amd-sev").GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_explicit_kernel_log_replaces_the_one_under_the_root()
    {
        using var tree = HostFixtures.Intel();
        var options = HostFixtures.Options(tree, withQemuAndVirsh: false) with { KernelLogPath = HostTree.Sample("dmesg-host-sev-init-failed.txt") };

        var report = await HostChecker.RunAsync(options, NothingInstalled);

        var firmware = report.Checks.Single(c => c.Id == "sev-firmware");
        Assert.Equal(CheckStatus.Fail, firmware.Status);
        Assert.Equal($"from {options.KernelLogPath}:", firmware.Evidence[0]);
    }
}
