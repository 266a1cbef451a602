using System.Text.Json;
using SevStack.Testing;

namespace SevStack.Build.Tests;

/// <summary>CheckGuest and CheckHost as a user runs them: through the build program, JIT and native.</summary>
public sealed class CheckTargetTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Check_guest_with_a_kernel_log_that_does_not_exist_fails_and_names_it(bool native)
    {
        using var repository = new TempDirectory("sevstack-checkguest");

        var (exit, output) = await BuildProgram.RunIsolated(repository, native, "CheckGuest", "--kernel-log", "/nonexistent");

        Assert.True(exit != 0, output);
        Assert.Contains("FAIL  guest-sev-log", output);
        Assert.Contains("no kernel log: kernel log file /nonexistent does not exist", output);
        Assert.DoesNotContain("Result: PASS", output);
    }

    [Fact]
    public async Task Check_guest_does_not_take_a_host_log_as_guest_evidence()
    {
        using var repository = new TempDirectory("sevstack-checkguest");

        var (exit, output) = await BuildProgram.RunIsolated(repository, "CheckGuest", "--kernel-log", SharedData.TestData("host", "dmesg-host-snp-6.9.txt"));

        Assert.True(exit != 0, output);
        Assert.Contains("is a host's kernel log", output);
    }

    [Fact]
    public async Task Check_host_of_a_host_root_asks_neither_this_machines_qemu_nor_libvirt()
    {
        using var repository = new TempDirectory("sevstack-checkhost");
        using var hostRoot = new TempDirectory("sevstack-host");
        hostRoot.WriteFile("proc/cpuinfo", File.ReadAllText(SharedData.TestData("host", "cpuinfo-amd-epyc-7413-milan-snp.txt")));

        var (_, output) = await BuildProgram.RunIsolated(repository, "CheckHost", "--host-root", hostRoot.Path, "--verbosity", "verbose");

        Assert.DoesNotContain("virsh -c qemu:///system", output);
        Assert.DoesNotContain("-qmp stdio", output);
        Assert.Contains($"not asked: the host root {hostRoot.Path} is not this machine", output);
    }

    [Theory]
    [InlineData("normal")]
    [InlineData("quiet")]
    public async Task Check_host_with_output_json_prints_only_the_json_report_on_standard_output(string verbosity)
    {
        using var repository = new TempDirectory("sevstack-checkhost");
        using var hostRoot = new TempDirectory("sevstack-host");
        hostRoot.WriteFile("proc/cpuinfo", File.ReadAllText(SharedData.TestData("host", "cpuinfo-amd-epyc-7413-milan-snp.txt")));

        var (exit, standardOutput, standardError) = await BuildProgram.RunNativeIsolatedApart(repository,
            "CheckHost", "--host-root", hostRoot.Path, "--output", "json", "--verbosity", verbosity);

        using var report = JsonDocument.Parse(standardOutput);
        Assert.Equal("host", report.RootElement.GetProperty("subject").GetString());
        Assert.Equal(report.RootElement.GetProperty("exitCode").GetInt32() == 0 ? 0 : 1, exit);
        Assert.Contains(report.RootElement.GetProperty("checks").EnumerateArray(), c => c.GetProperty("id").GetString() == "cpu-vendor");
        Assert.Contains("Build failed", standardError);
        if (verbosity == "normal")
            Assert.Contains("── CheckHost", standardError);
    }
}
