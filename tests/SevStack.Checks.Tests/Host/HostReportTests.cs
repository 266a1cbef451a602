using SevStack.Checks.Host;
using SevStack.Checks.Probes;
using SevStack.Checks.Report;
using SevStack.Checks.Tests.Support;
using SevStack.Toolkit.Processes;
using SevStack.Testing;

namespace SevStack.Checks.Tests.Host;

public sealed class HostReportTests
{
    static readonly ScriptedCommandRunner NothingInstalled = new(new Dictionary<string, Func<CommandSpec, CommandResult>>());

    /// <summary>
    /// CheckHost of a fixture root; with <paramref name="withQemuAndVirsh"/>, the scripted QEMU and virsh answers are
    /// evaluated as if that root were the live machine (CheckHost itself never asks them for a fixture root).
    /// </summary>
    static async Task<(CheckReport Report, string Text)> Check(HostTree tree, ICommandRunner runner, bool withQemuAndVirsh = true)
    {
        var facts = await HostFactsCollector.CollectAsync(HostFixtures.Options(tree, withQemuAndVirsh), runner);
        if (withQemuAndVirsh)
            facts = facts with
            {
                NotLiveRoot = null,
                Qmp = await QmpSevProbe.RunAsync(runner, "qemu-system-x86_64", TimeSpan.FromSeconds(30), CancellationToken.None),
                Virsh = await VirshProbe.RunAsync(runner, "virsh", "qemu:///system", CancellationToken.None),
            };
        var report = HostChecker.Evaluate(facts);
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

    [Fact]
    public async Task A_host_root_is_never_checked_against_this_machines_qemu_or_libvirt()
    {
        using var tree = HostFixtures.EpycSnp();
        var runner = HostFixtures.Answering("qmp-query-sev-capabilities.json", "virsh-domcapabilities-amdsev.xml");

        var report = await HostChecker.RunAsync(HostFixtures.Options(tree), runner);

        Assert.Empty(runner.Calls);
        foreach (var id in new[] { "qemu-sev", "libvirt-sev", "kvm-device" })
        {
            var check = report.Checks.Single(c => c.Id == id);
            Assert.Equal(CheckStatus.Skip, check.Status);
            Assert.Contains($"the host root {tree.Root} is not this machine", check.Cause);
        }
        Assert.True(report.Passed);
    }

    [Fact]
    public async Task The_default_memlock_limit_warns_for_a_user_without_cap_ipc_lock()
    {
        using var tree = HostFixtures.EpycSevOffInModule();
        var (report, _) = await Check(tree, NothingInstalled, withQemuAndVirsh: false);

        var memlock = report.Checks.Single(c => c.Id == "memlock");
        Assert.Equal(CheckStatus.Warn, memlock.Status);
        Assert.Contains("soft 8 MiB, hard 8 MiB; a 2048 MiB guest (--guest-memory) pins 2048 MiB", memlock.Evidence);
        Assert.Contains("uid 1000 cannot pin", memlock.Cause);

        tree.Identity(uid: 1000, capabilities: 1UL << 14);
        var (withCapability, _) = await Check(tree, NothingInstalled, withQemuAndVirsh: false);
        Assert.Equal(CheckStatus.Pass, withCapability.Checks.Single(c => c.Id == "memlock").Status);
    }

    [Fact]
    public async Task Snp_off_in_syscfg_warns_with_the_bios_fix()
    {
        using var tree = HostFixtures.EpycSevOffInModule();
        var (report, _) = await Check(tree, NothingInstalled, withQemuAndVirsh: false);

        var syscfg = report.Checks.Single(c => c.Id == "snp-syscfg");
        Assert.Equal(CheckStatus.Warn, syscfg.Status);
        Assert.Equal("/dev/cpu/0/msr SYSCFG 0x800000: MemEncryptionModEn on, SNPEn off, VMPLEn off", syscfg.Evidence[0]);
        Assert.Contains("CPUID 0x8000001F: VMPL yes, 4 levels", syscfg.Evidence);
        Assert.Contains("BIOS", syscfg.Fix);
    }

    [Theory]
    [InlineData(12, CheckStatus.Pass)]
    [InlineData(11, CheckStatus.Fail)]
    public async Task Kvm_api_version_12_is_required(int version, CheckStatus expected)
    {
        using var tree = HostFixtures.EpycSnp();
        var facts = await HostFactsCollector.CollectAsync(HostFixtures.Options(tree, withQemuAndVirsh: false), NothingInstalled);

        var check = new SevStack.Checks.Host.Checks.KvmDeviceCheck().Evaluate(facts with { Kvm = new KvmApiVersion(new DeviceOpen("/dev/kvm", true, null), version, null) });

        Assert.Equal(expected, check.Status);
        Assert.Contains($"KVM_GET_API_VERSION: {version}", check.Evidence);
    }

    [Fact]
    public async Task A_user_who_cannot_open_dev_sev_fails_with_the_group_fix()
    {
        using var tree = HostFixtures.EpycSnp();
        var facts = await HostFactsCollector.CollectAsync(HostFixtures.Options(tree, withQemuAndVirsh: false), NothingInstalled);

        var report = HostChecker.Evaluate(facts with { DevSevOpen = new DeviceOpen("/dev/sev", true, "permission denied"), Identity = new ProcessIdentity(1000, 0) });

        var access = report.Checks.Single(c => c.Id == "dev-sev-access");
        Assert.Equal(CheckStatus.Fail, access.Status);
        Assert.Equal(["/dev/sev: permission denied for uid 1000"], access.Evidence);
        Assert.Contains("adduser <user> kvm", access.Fix);
        Assert.Equal(CheckStatus.Pass, HostChecker.Evaluate(facts).Checks.Single(c => c.Id == "dev-sev-access").Status);
    }
}
