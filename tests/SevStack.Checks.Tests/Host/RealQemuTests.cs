using SevStack.Checks.Host;
using SevStack.Checks.Host.Checks;
using SevStack.Checks.Probes;
using SevStack.Checks.Report;
using SevStack.Toolkit.Processes;

namespace SevStack.Checks.Tests.Host;

/// <summary>
/// QMP against the QEMU installed on this machine (Debian's qemu-system-x86, see apt-packages.txt). This test machine
/// has no usable SEV, so QEMU must answer with an error object, and the check must explain it rather than crash.
/// </summary>
public sealed class RealQemuTests
{
    static readonly CliWrapCommandRunner Runner = new(new MemoryBuildLog(), Privilege.Detect());

    [Fact]
    public async Task Qemu_without_sev_answers_with_an_error_that_the_check_explains()
    {
        var result = await QmpSevProbe.RunAsync(Runner, "/usr/bin/qemu-system-x86_64", TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.Null(result.Problem);
        Assert.NotNull(result.QemuVersion);
        var capabilities = Assert.IsType<SevCapabilities>(result.Capabilities);
        Assert.False(capabilities.Supported);
        Assert.Equal("GenericError", capabilities.ErrorClass);
        Assert.False(string.IsNullOrWhiteSpace(capabilities.ErrorDescription));

        var check = new QemuSevCheck().Evaluate(FactsWith(result));
        Assert.Equal(CheckStatus.Fail, check.Status);
        Assert.Contains(check.Evidence, e => e.StartsWith("error GenericError: ", StringComparison.Ordinal));
        Assert.False(string.IsNullOrWhiteSpace(check.Cause));
        Assert.False(string.IsNullOrWhiteSpace(check.Fix));
        if (!File.Exists("/dev/kvm"))
        {
            Assert.Equal("KVM not enabled", capabilities.ErrorDescription);
            Assert.Contains("could not use KVM", check.Cause);
        }
    }

    [Fact]
    public async Task A_missing_qemu_binary_is_a_clear_failure()
    {
        var result = await QmpSevProbe.RunAsync(Runner, "/nonexistent/qemu-system-x86_64", TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.Null(result.Capabilities);
        Assert.Contains("not installed", result.Problem);
        var check = new QemuSevCheck().Evaluate(FactsWith(result));
        Assert.Equal(CheckStatus.Fail, check.Status);
    }

    /// <summary>CheckHost on this very machine: whatever it finds, it must finish, and report every check.</summary>
    [Fact]
    public async Task Live_host_check_completes_with_every_check_reported()
    {
        var report = await HostChecker.RunAsync(new HostCheckOptions { VirshBinary = null }, Runner);

        Assert.Equal(HostChecker.Checks.Count, report.Checks.Count);
        Assert.Equal(report.Checks.Count, report.Checks.Select(c => c.Id).Distinct().Count());
        Assert.All(report.Checks.Where(c => c.Status is CheckStatus.Fail or CheckStatus.Warn),
            c => Assert.False(string.IsNullOrWhiteSpace(c.Cause)));
        Assert.Equal(report.Passed ? 0 : 1, report.ExitCode);
    }

    /// <summary>The probes sevctl and snphost run, against this machine's own /dev/kvm, /dev/sev and limits.</summary>
    [Fact]
    public async Task Live_host_check_opens_dev_kvm_and_reads_this_process_memlock_limit()
    {
        var report = await HostChecker.RunAsync(new HostCheckOptions { QemuBinary = null, VirshBinary = null }, Runner);

        var kvm = report.Checks.Single(c => c.Id == "kvm-device");
        if (File.Exists("/dev/kvm"))
            Assert.NotEqual(CheckStatus.Skip, kvm.Status);
        else
            Assert.Equal((CheckStatus.Fail, "/dev/kvm does not exist"), (kvm.Status, kvm.Evidence[0]));
        var memlock = report.Checks.Single(c => c.Id == "memlock");
        Assert.NotEqual(CheckStatus.Skip, memlock.Status);
        Assert.StartsWith("/proc/self/limits: Max locked memory", memlock.Evidence[0]);
        var access = report.Checks.Single(c => c.Id == "dev-sev-access");
        Assert.Equal(File.Exists("/dev/sev") ? CheckStatus.Pass : CheckStatus.Skip, access.Status);
    }

    /// <summary>CheckGuest on this machine, a VM without SEV: it must finish and say the guest is not encrypted.</summary>
    [Fact]
    public async Task Live_guest_check_on_an_unencrypted_machine_fails_clearly()
    {
        var report = await SevStack.Checks.Guest.GuestChecker.RunAsync(new SevStack.Checks.Guest.GuestCheckOptions(), Runner);

        var log = report.Checks.Single(c => c.Id == "guest-sev-log");
        Assert.NotEqual(CheckStatus.Pass, log.Status);
        Assert.NotEqual(CheckStatus.Pass, report.Checks.Single(c => c.Id == "guest-sev-msr").Status);
    }

    static HostFacts FactsWith(QmpSevResult qmp) => new(
        "/", null, new CpuidReading("/dev/cpu/0/cpuid", null, null, "missing"), null, "", null, null,
        new KernelCommandLine(""), KvmAmdParameters.Read(new HostFiles("/nonexistent")), new ModprobeOptions([]),
        null, [], qmp, null, KvmApiVersion.Read(new HostFiles("/")), DeviceOpen.Try(new HostFiles("/"), "/dev/sev"), null, null,
        new SysCfgMsr(null, "missing"), 2048, null);
}
