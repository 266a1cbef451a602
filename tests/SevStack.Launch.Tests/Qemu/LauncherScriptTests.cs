using SevStack.Checks;
using SevStack.Checks.Probes;
using SevStack.Toolkit;
using SevStack.Toolkit.Processes;
using SevStack.Launch.Qemu;
using SevStack.Launch.Tests.Support;
using SevStack.Testing;

namespace SevStack.Launch.Tests.Qemu;

/// <summary>
/// The sevstack-launch-qemu script of the sevstack-qemu package builds, word for word, the command line that
/// <see cref="LaunchCommandBuilder"/> builds for the same options, reading the C-bit from the fixture's cpuid device.
/// </summary>
public sealed class LauncherScriptTests
{
    const string Prefix = "/opt/sevstack";

    static readonly LaunchOptions Base = new()
    {
        QemuBinary = "/usr/libexec/sevstack/qemu-system-x86_64",
        DiskImage = "/var/lib/sevstack/guests/ubuntu-24.04.qcow2",
        OvmfCode = "/usr/share/sevstack/OVMF_CODE.fd",
        OvmfVarsTemplate = "/usr/share/sevstack/OVMF_VARS.fd",
        SnpFirmware = "/usr/share/sevstack/OVMF.fd",
        StateDirectory = "/var/lib/sevstack/guests",
    };

    static readonly string[] BaseArguments =
    [
        "--qemu", Base.QemuBinary, "--hda", Base.DiskImage!, "--ovmf-code", Base.OvmfCode,
        "--ovmf-vars", Base.OvmfVarsTemplate, "--ovmf", Base.SnpFirmware!, "--state-dir", Base.StateDirectory,
    ];

    /// <summary>One guest per mode, as C# options and as the script's arguments.</summary>
    static (LaunchOptions Options, string[] Arguments) Mode(string mode) => mode switch
    {
        "plain" => (Base with { UserNetwork = true }, ["--net", "user"]),
        "plain-tcg" => (Base with { Accelerator = "tcg", CpuModel = "EPYC", MemoryMiB = 256, Cpus = 1 },
            ["--accel", "tcg", "--cpu", "EPYC", "--mem", "256", "--smp", "1"]),
        "sev" => (Base with { Level = SevLevel.Sev, MemoryMiB = 4096, Cpus = 2 }, ["--sev", "--mem", "4096", "--smp", "2"]),
        "sev-es" => (Base with
        {
            Level = SevLevel.SevEs, AllowDebug = true, MonitorSocket = "/run/sevstack/web 1.monitor", GuestName = "web,1",
            Cdrom = "/srv/iso/debian's 12.iso",
        }, ["--sev-es", "--allow-debug", "--monitor", "/run/sevstack/web 1.monitor", "--name", "web,1", "--cdrom", "/srv/iso/debian's 12.iso"]),
        "sev-snp" => (Base with
        {
            Level = SevLevel.SevSnp, Policy = 0xB0000, Kernel = "/boot/vmlinuz-6.11.0-snp-guest", Initrd = "/boot/initrd.img-6.11.0-snp-guest",
            Append = "console=ttyS0 root=/dev/sda1", SnpCertsPath = "/var/lib/sevstack/certs,v1.blob", UserNetwork = true,
        }, ["--sev-snp", "--policy", "0xb0000", "--kernel", "/boot/vmlinuz-6.11.0-snp-guest", "--initrd", "/boot/initrd.img-6.11.0-snp-guest",
            "--append", "console=ttyS0 root=/dev/sda1", "--certs", "/var/lib/sevstack/certs,v1.blob", "--net", "user"]),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    [Theory]
    [InlineData("plain")]
    [InlineData("plain-tcg")]
    [InlineData("sev")]
    [InlineData("sev-es")]
    [InlineData("sev-snp")]
    public async Task Printed_command_is_the_builders_word_for_word(string mode)
    {
        using var host = CpuidHost.MilanSnp();
        using var script = new LauncherScriptRun(Prefix);
        var (options, arguments) = Mode(mode);
        var plan = LaunchCommandBuilder.Build(options, CpuidReading.Read(new HostFiles(host.Root)));

        var printed = await script.RunAsync([.. BaseArguments, .. arguments, "--host-root", host.Root, "--print"]);

        Assert.True(printed.Succeeded, printed.StandardError);
        Assert.Equal([plan.Command.Program, .. plan.Command.Arguments], await LauncherScriptRun.WordsAsync(printed.StandardOutput));
        Assert.Equal(LauncherScriptRun.CommandPart(plan.PrintText), LauncherScriptRun.CommandPart(printed.StandardOutput));
    }

    [Fact]
    public async Task The_c_bit_comes_from_the_fixtures_cpuid_device_not_a_constant()
    {
        using var host = CpuidHost.With(0x1B, (1u << 6) | 43, 15, 1);
        using var script = new LauncherScriptRun(Prefix);

        var printed = await script.RunAsync([.. BaseArguments, "--sev", "--host-root", host.Root, "--print"]);

        Assert.True(printed.Succeeded, printed.StandardError);
        Assert.Contains("-object sev-guest,id=sev0,policy=0x1,cbitpos=43,reduced-phys-bits=1 ", printed.StandardOutput.Replace("\\\n ", ""));
        Assert.Contains($"# C-bit position 43 from CPUID 0x8000001F EBX[5:0] ({host.Root}/dev/cpu/0/cpuid)", printed.StandardOutput);
    }

    [Fact]
    public async Task Defaults_are_the_builders_with_the_packaged_qemu_and_ovmf()
    {
        using var script = new LauncherScriptRun(Prefix);
        var plan = LaunchCommandBuilder.Build(new LaunchOptions
        {
            QemuBinary = $"{Prefix}/bin/qemu-system-x86_64", DiskImage = "guest.img",
            OvmfCode = $"{Prefix}/share/sevstack-ovmf/OVMF_CODE.fd", OvmfVarsTemplate = $"{Prefix}/share/sevstack-ovmf/OVMF_VARS.fd",
        }, cpuid: null);

        var printed = await script.RunAsync(["--hda", "guest.img", "--print"]);

        Assert.True(printed.Succeeded, printed.StandardError);
        Assert.Equal([plan.Command.Program, .. plan.Command.Arguments], await LauncherScriptRun.WordsAsync(printed.StandardOutput));
    }

    [Theory]
    [InlineData("--sev")]
    [InlineData("--sev-es")]
    [InlineData("--sev-snp")]
    public async Task A_missing_cpuid_device_is_one_line_that_says_modprobe_cpuid(string mode)
    {
        using var host = CpuidHost.WithoutDriver();
        using var script = new LauncherScriptRun(Prefix);

        var result = await script.RunAsync([.. BaseArguments, mode, "--host-root", host.Root, "--print"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal("", result.StandardOutput);
        var line = Assert.Single(result.StandardError.TrimEnd('\n').Split('\n'));
        Assert.Equal($"sevstack-launch-qemu: the C-bit position is unknown: {host.Root}/dev/cpu/0/cpuid does not exist; " +
                     "load the cpuid driver (modprobe cpuid), or pass --cbitpos N from CheckHost", line);
    }

    [Fact]
    public async Task A_cpu_without_sev_in_cpuid_is_refused()
    {
        using var host = CpuidHost.With(0x1, 0, 0, 0);
        using var script = new LauncherScriptRun(Prefix);

        var result = await script.RunAsync([.. BaseArguments, "--sev", "--host-root", host.Root, "--print"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal("sevstack-launch-qemu: this CPU reports no SEV support in CPUID 0x8000001F; run CheckHost to see why\n", result.StandardError);
    }

    [Theory]
    [InlineData("--sev-es", "0x1", "lacks bit 2")]
    [InlineData("--sev", "5", "plain SEV was requested")]
    [InlineData("--sev", "0x41", "reserved bits")]
    [InlineData("--sev", "0x100000000", "32 bits")]
    [InlineData("--sev-snp", "0x10000", "bit 17")]
    [InlineData("--sev-snp", "0x4030000", "above 25")]
    public async Task Invalid_policies_are_refused_as_the_builder_refuses_them(string mode, string policy, string reason)
    {
        using var script = new LauncherScriptRun(Prefix);
        var level = mode switch { "--sev-es" => SevLevel.SevEs, "--sev-snp" => SevLevel.SevSnp, _ => SevLevel.Sev };
        var value = policy.StartsWith("0x", StringComparison.Ordinal) ? Convert.ToUInt64(policy[2..], 16) : ulong.Parse(policy, System.Globalization.CultureInfo.InvariantCulture);
        var builderError = Assert.Throws<BuildException>(() => LaunchCommandBuilder.Build(Base with { Level = level, Policy = value, CbitPosition = 51 }, null));

        var result = await script.RunAsync([.. BaseArguments, mode, "--policy", policy, "--cbitpos", "51", "--print"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal("", result.StandardOutput);
        // The same refusal, each hint in its own program's flags (the script's --policy, the build program's --sev-policy).
        Assert.Contains(reason, builderError.Message);
        Assert.StartsWith("sevstack-launch-qemu: ", result.StandardError);
        Assert.Contains(reason, result.StandardError);
        Assert.Equal(Reason(builderError.Message), Reason(result.StandardError.TrimEnd('\n')["sevstack-launch-qemu: ".Length..]));
    }

    /// <summary>A refusal without its hint, which names the flags of the program that refused.</summary>
    static string Reason(string message) => message.Split("; use ")[0].Split(" (64-bit")[0];

    [Theory]
    [InlineData("--policy", "0xzz", "--policy 0xzz: expects a number such as 0x1 or 5")]
    [InlineData("--mem", "64", "guest memory 64 MiB is too small; give at least 128")]
    [InlineData("--cbitpos", "47x", "--cbitpos 47x: expects a number such as 0x1 or 5")]
    [InlineData("--cbitpos", "12", "--cbitpos 12 is outside 32-63; pass the C-bit position that CheckHost's cpuid check reports")]
    [InlineData("--net", "bridge", "--net bridge: only 'user' (QEMU user networking) is supported")]
    public async Task Bad_values_are_one_clear_line(string option, string value, string message)
    {
        using var host = CpuidHost.MilanSnp();
        using var script = new LauncherScriptRun(Prefix);

        var result = await script.RunAsync([.. BaseArguments, "--sev", "--host-root", host.Root, option, value, "--print"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"sevstack-launch-qemu: {message}\n", result.StandardError);
    }

    [Fact]
    public async Task Debians_qemu_accepts_the_plain_command_and_the_vars_copy_is_made_once()
    {
        using var directory = new TempDirectory();
        using var script = new LauncherScriptRun(Prefix);
        var vars = Sized(directory.Combine("OVMF_VARS.fd"), 128 << 10);
        string[] arguments =
        [
            "--qemu", "/usr/bin/qemu-system-x86_64", "--accel", "tcg", "--cpu", "EPYC", "--mem", "256", "--smp", "1", "--net", "user",
            "--hda", Sized(directory.Combine("guest.img"), 1 << 20), "--ovmf-code", Sized(directory.Combine("OVMF_CODE.fd"), 1 << 20),
            "--ovmf-vars", vars, "--state-dir", directory.Combine("guests"), "--", "-S",
        ];

        var exited = await RunUntilTimeoutAsync(script, arguments);

        Assert.True(exited is null, $"QEMU refused the command (exit {exited?.ExitCode}): {exited?.StandardError}");
        var copy = directory.Combine("guests", "guest.OVMF_VARS.fd");
        Assert.Equal(128 << 10, new FileInfo(copy).Length);
        File.WriteAllText(copy, "the guest's own variables");
        await RunUntilTimeoutAsync(script, arguments);
        Assert.Equal("the guest's own variables", File.ReadAllText(copy));
    }

    [Fact]
    public async Task Debians_qemu_without_sev_snp_guest_refuses_an_snp_launch_in_one_line()
    {
        using var directory = new TempDirectory();
        using var script = new LauncherScriptRun(Prefix);

        var result = await script.RunAsync(["--qemu", "/usr/bin/qemu-system-x86_64", "--sev-snp", "--cbitpos", "51",
            "--hda", Sized(directory.Combine("guest.img"), 1 << 20), "--ovmf", Sized(directory.Combine("OVMF.fd"), 1 << 20)]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("sevstack-launch-qemu: /usr/bin/qemu-system-x86_64 has no sev-snp-guest object, so it cannot start sev-snp guests; " +
                     "use a QEMU with sev-snp support (SEV-SNP needs QEMU 9.1 or later) through --qemu\n", result.StandardError);
    }

    [Fact]
    public async Task A_missing_disk_stops_the_launch_before_qemu_runs()
    {
        using var script = new LauncherScriptRun(Prefix);

        var result = await script.RunAsync(["--qemu", "/bin/false", "--hda", "/nonexistent/guest.img", "--ovmf-code", "/dev/null"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("sevstack-launch-qemu: the guest cannot start: /nonexistent/guest.img does not exist\n", result.StandardError);
    }

    [Fact]
    public async Task Shellcheck_finds_nothing()
    {
        using var script = new LauncherScriptRun(Prefix);
        var runner = new CliWrapCommandRunner(new MemoryBuildLog(), Privilege.Detect());

        var result = await runner.RunAsync(new CommandSpec("shellcheck", "--shell=bash", "--severity=style", script.Path) { AllowFailure = true });

        Assert.True(result.Succeeded, result.StandardOutput + result.StandardError);
    }

    [Fact]
    public void Staged_for_packaging_under_the_prefix_as_an_executable()
    {
        using var staging = new TempDirectory();

        var path = LauncherScript.Stage(staging.Path, "/usr/local/");

        Assert.Equal(staging.Combine("usr", "local", "bin", "sevstack-launch-qemu"), path);
        Assert.Equal(LauncherScript.Mode, File.GetUnixFileMode(path));
        var text = File.ReadAllText(path);
        Assert.StartsWith("#!/bin/bash\n", text);
        Assert.Contains("prefix='/usr/local'\n", text);
        Assert.DoesNotContain("@PREFIX@", text);
    }

    [Fact]
    public void A_prefix_the_script_cannot_hold_is_refused() =>
        Assert.Contains("sevstack-launch-qemu", Assert.Throws<BuildException>(() => LauncherScript.Render("/opt/it's")).Message);

    static async Task<CommandResult?> RunUntilTimeoutAsync(LauncherScriptRun script, string[] arguments)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(4));
        try
        {
            return await script.RunAsync(arguments, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Still running when the timeout hit: QEMU accepted every option and waits, paused, for a monitor command.
            return null;
        }
    }

    static string Sized(string path, int bytes)
    {
        using var file = File.Create(path);
        file.SetLength(bytes);
        return path;
    }
}
