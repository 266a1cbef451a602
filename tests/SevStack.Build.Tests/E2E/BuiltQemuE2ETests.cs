using System.Text.RegularExpressions;
using SevStack.Checks.Host;
using SevStack.Checks.Report;
using SevStack.Toolkit.Processes;

namespace SevStack.Build.Tests.E2E;

/// <summary>
/// CheckHost's QMP query against the QEMU that BuildQemu built in the real chain. Without KVM and SEV, as on the CI
/// machine, QEMU answers with an error that the check must explain.
/// </summary>
[Trait("Suite", "E2E")]
[Collection(RealStackCollection.Name)]
public sealed partial class BuiltQemuE2ETests(RealStack stack)
{
    async Task<string> BuiltQemuAsync()
    {
        Assert.Equal(0, (await stack.Chain.Value).Exit);
        return Path.Combine(stack.Out("BuildQemu"), "staging", "opt", "sevstack", "bin", "qemu-system-x86_64");
    }

    [Fact]
    public async Task The_built_qemu_finds_its_firmware_and_starts_a_plain_guest()
    {
        var qemu = await BuiltQemuAsync();
        var runner = new CliWrapCommandRunner(new MemoryBuildLog(), Privilege.Detect());

        var run = await runner.RunAsync(new CommandSpec("timeout", "5", qemu, "-machine", "q35,accel=tcg", "-m", "256", "-display", "none", "-S",
            "-monitor", "none", "-serial", "none") { AllowFailure = true });

        Assert.True(run.ExitCode == 124, $"QEMU stopped by itself (exit {run.ExitCode}) instead of waiting paused: {run.StandardError}");
    }

    [Fact]
    public async Task Check_host_asks_the_built_qemu_and_explains_its_answer()
    {
        var qemu = await BuiltQemuAsync();
        var runner = new CliWrapCommandRunner(new MemoryBuildLog(), Privilege.Detect());

        var report = await HostChecker.RunAsync(new HostCheckOptions { QemuBinary = qemu, VirshBinary = null }, runner);

        var check = report.Checks.Single(c => c.Id == "qemu-sev");
        Assert.Equal($"$ {qemu} -machine none,accel=kvm:tcg -nodefaults -nographic -qmp stdio", check.Evidence[0]);
        Assert.Matches(QemuVersion(), check.Evidence[1]);
        var sevUsable = File.Exists("/dev/kvm") && File.Exists("/dev/sev");
        if (sevUsable)
        {
            Assert.Equal(CheckStatus.Pass, check.Status);
            Assert.Contains(check.Evidence, e => e.StartsWith("cbitpos ", StringComparison.Ordinal));
            return;
        }
        Assert.Equal(CheckStatus.Fail, check.Status);
        Assert.Contains(check.Evidence, e => e.StartsWith("error GenericError: ", StringComparison.Ordinal));
        if (!File.Exists("/dev/kvm"))
        {
            Assert.Contains("error GenericError: KVM not enabled", check.Evidence);
            Assert.Contains("could not use KVM", check.Cause);
        }
        Assert.False(string.IsNullOrWhiteSpace(check.Fix));
        Assert.Contains($"FAIL  qemu-sev", TextReportWriter.Write(report));
        Assert.Contains("qemu-sev", report.Failed.Select(c => c.Id));
    }

    [GeneratedRegex(@"^QEMU \d+\.\d+\.\d+")]
    private static partial Regex QemuVersion();
}
