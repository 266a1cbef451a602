using System.Text.RegularExpressions;
using SevStack.Checks.Host;
using SevStack.Checks.Report;
using SevStack.Engine.Processes;
using SevStack.Testing;

namespace SevStack.Checks.Tests.E2E;

/// <summary>
/// CheckHost's QMP query against the QEMU that BuildQemu built (a real build must have run first: E2E runs after the
/// builds). Without KVM and SEV, as on the CI machine, QEMU answers with an error that the check must explain.
/// </summary>
[Trait("Suite", "E2E")]
public sealed partial class BuiltQemuE2ETests
{
    const string Variable = "SEVSTACK_E2E_QEMU";
    static readonly string DefaultPath = Path.Combine("artifacts", "work", "build", "qemu", "qemu-host-staging", "opt", "sevstack", "bin", "qemu-system-x86_64");

    static string BuiltQemu()
    {
        var path = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given
            ? given
            : Path.Combine(SharedData.RepositoryRoot, DefaultPath);
        Assert.True(File.Exists(path),
            $"the QEMU built by BuildQemu is not at {path}: run ./build.sh BuildQemu first, or point {Variable} at a built qemu-system-x86_64");
        return path;
    }

    [Fact]
    public async Task Check_host_asks_the_built_qemu_and_explains_its_answer()
    {
        var qemu = BuiltQemu();
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
