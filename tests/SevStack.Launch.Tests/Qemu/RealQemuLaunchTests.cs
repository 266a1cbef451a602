using SevStack.Checks;
using SevStack.Toolkit.Processes;
using SevStack.Launch.Qemu;
using SevStack.Testing;

namespace SevStack.Launch.Tests.Qemu;

/// <summary>
/// What the installed QEMU (Debian's qemu-system-x86) accepts. SEV objects need KVM on an SEV host, so here only the
/// plain command runs for real (TCG, paused with -S); for SEV, QEMU is asked whether it knows the objects and machine
/// properties the command uses.
/// </summary>
public sealed class RealQemuLaunchTests
{
    static readonly CliWrapCommandRunner Runner = new(new MemoryBuildLog(), Privilege.Detect());

    [Fact]
    public async Task Qemu_accepts_the_plain_command_line()
    {
        using var directory = new TempDirectory();
        var code = Sized(directory.Combine("OVMF_CODE.fd"), 1 << 20);
        var vars = Sized(directory.Combine("OVMF_VARS.fd"), 128 << 10);
        var disk = Sized(directory.Combine("guest.img"), 1 << 20);
        var plan = LaunchCommandBuilder.Build(new LaunchOptions
        {
            DiskImage = disk,
            OvmfCode = code,
            OvmfVarsTemplate = vars,
            StateDirectory = directory.Path,
            MemoryMiB = 256,
            Cpus = 1,
            CpuModel = "EPYC",
            UserNetwork = true,
            Accelerator = "tcg",
        }, cpuid: null);
        QemuLauncher.EnsureVarsCopy(plan);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(4));
        CommandResult? exited = null;
        try
        {
            exited = await Runner.RunAsync(plan.Command.WithArguments("-S") with { AllowFailure = true }, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Still running when the timeout hit: QEMU accepted every option and waits, paused, for a monitor command.
        }

        Assert.True(exited is null, $"QEMU refused the command (exit {exited?.ExitCode}): {exited?.StandardError}");
    }

    /// <summary>
    /// Under TCG an SEV guest cannot start, but QEMU parses every option and builds the machine with its
    /// confidential-guest-support before it stops (7.2: an assertion that the SEV object was never made ready).
    /// An option QEMU refuses is reported earlier, prefixed with the option, which the control case shows.
    /// </summary>
    [Theory]
    [InlineData(SevLevel.Sev, null)]
    [InlineData(SevLevel.SevEs, null)]
    [InlineData(SevLevel.Sev, "sev-guest,id=sev1,cbitpos=51,no-such-property=1")]
    public async Task Qemu_parses_the_sev_command_lines_up_to_where_kvm_is_needed(SevLevel level, string? brokenObject)
    {
        using var directory = new TempDirectory();
        var plan = LaunchCommandBuilder.Build(new LaunchOptions
        {
            Level = level, CbitPosition = 51, Accelerator = "tcg", CpuModel = "EPYC", MemoryMiB = 256, Cpus = 1,
            DiskImage = Sized(directory.Combine("guest.img"), 1 << 20), OvmfCode = Sized(directory.Combine("OVMF_CODE.fd"), 1 << 20),
            OvmfVarsTemplate = Sized(directory.Combine("OVMF_VARS.fd"), 128 << 10), StateDirectory = directory.Path,
        }, cpuid: null);
        QemuLauncher.EnsureVarsCopy(plan);
        var command = brokenObject is null ? plan.Command.WithArguments("-S") : plan.Command.WithArguments("-S", "-object", brokenObject);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        // QEMU aborts on its assertion: no core file in the test folder.
        var withoutCore = new CommandSpec("bash", ["-c", "ulimit -c 0; exec \"$@\"", "qemu", command.Program, .. command.Arguments]) { AllowFailure = true };
        var exited = await Runner.RunAsync(withoutCore, timeout.Token);

        var optionErrors = exited.StandardError.Split('\n').Where(line => line.StartsWith("qemu-system-x86_64: -", StringComparison.Ordinal)).ToList();
        Assert.NotEqual(0, exited.ExitCode);
        if (brokenObject is null)
        {
            Assert.Empty(optionErrors);
            Assert.Contains("cgs->ready", exited.StandardError);
        }
        else
            Assert.Contains(optionErrors, line => line.Contains("no-such-property", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Qemu_knows_the_sev_guest_object()
    {
        var objects = await Runner.RunAsync(new CommandSpec("qemu-system-x86_64", "-object", "help") { IsQuery = true });

        Assert.Contains(objects.StandardOutput.Split('\n'), line => line.Trim() == "sev-guest");
    }

    [Fact]
    public async Task Qemu_knows_the_machine_properties_sev_and_snp_use()
    {
        var machine = await Runner.RunAsync(new CommandSpec("qemu-system-x86_64", "-machine", "q35,help") { IsQuery = true });

        Assert.Contains("confidential-guest-support=", machine.StandardOutput);
        Assert.Contains("memory-backend=", machine.StandardOutput);
        Assert.Contains("vmport=", machine.StandardOutput);
    }

    /// <summary>Debian 12's QEMU 7.2 (like SevStack's QEMU 7.2) predates sev-snp-guest: an SNP launch must say so, not crash.</summary>
    [Fact]
    public async Task A_qemu_without_sev_snp_guest_refuses_an_snp_launch_in_one_line()
    {
        using var directory = new TempDirectory();
        var plan = LaunchCommandBuilder.Build(new LaunchOptions
        {
            Level = SevLevel.SevSnp, CbitPosition = 51, DiskImage = Sized(directory.Combine("guest.img"), 1 << 20),
            SnpFirmware = Sized(directory.Combine("OVMF.fd"), 1 << 20), StateDirectory = directory.Path,
        }, cpuid: null);

        var error = await Assert.ThrowsAsync<SevStack.Toolkit.BuildException>(() => QemuLauncher.RunAsync(plan, Runner));

        Assert.Equal("qemu-system-x86_64 has no sev-snp-guest object, so it cannot start this guest; " +
                     "use a QEMU with SEV-SNP support (QEMU 9.1 or later) through --qemu-binary", error.Message);
    }

    static string Sized(string path, int bytes)
    {
        using var file = File.Create(path);
        file.SetLength(bytes);
        return path;
    }
}
