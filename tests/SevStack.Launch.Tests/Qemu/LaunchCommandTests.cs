using SevStack.Checks;
using SevStack.Checks.Probes;
using SevStack.Toolkit;
using SevStack.Launch.Qemu;
using SevStack.Launch.Tests.Support;
using SevStack.Testing;

namespace SevStack.Launch.Tests.Qemu;

public sealed class LaunchCommandTests
{
    static readonly LaunchOptions Disk = new()
    {
        DiskImage = "/var/lib/sevstack/guests/ubuntu-24.04.qcow2",
        OvmfCode = "/usr/share/sevstack/OVMF_CODE.fd",
        OvmfVarsTemplate = "/usr/share/sevstack/OVMF_VARS.fd",
        SnpFirmware = "/usr/share/sevstack/OVMF.fd",
        StateDirectory = "/var/lib/sevstack/guests",
    };

    [Fact]
    public void Plain_guest_with_user_networking()
    {
        var plan = LaunchCommandBuilder.Build(Disk with { UserNetwork = true }, cpuid: null);

        Approved.Verify(plan.PrintText, "plain");
        Assert.DoesNotContain(plan.Command.Arguments, a => a.Contains("sev-guest", StringComparison.Ordinal) || a.Contains("confidential-guest-support", StringComparison.Ordinal));
        Assert.False(plan.Command.NeedsRoot);
    }

    [Fact]
    public void Sev_guest_takes_the_c_bit_from_cpuid()
    {
        var plan = LaunchCommandBuilder.Build(Disk with { Level = SevLevel.Sev }, CpuidHost.MilanSnpReading());

        Approved.Verify(plan.PrintText, "sev");
        Assert.Contains("sev-guest,id=sev0,policy=0x1,cbitpos=51,reduced-phys-bits=1", plan.Command.Arguments);
        Assert.Contains("virtio-scsi-pci,id=scsi0,disable-legacy=on,iommu_platform=on", plan.Command.Arguments);
        Assert.Equal("/var/lib/sevstack/guests/ubuntu-24.04.OVMF_VARS.fd", plan.VarsCopy);
    }

    [Fact]
    public void Sev_es_guest_sets_policy_bit_2_and_allow_debug_clears_bit_0()
    {
        var plan = LaunchCommandBuilder.Build(Disk with { Level = SevLevel.SevEs, AllowDebug = true, MonitorSocket = "/run/sevstack/ubuntu.monitor" }, CpuidHost.MilanSnpReading());

        Approved.Verify(plan.PrintText, "sev-es");
        Assert.Contains("sev-guest,id=sev0,policy=0x4,cbitpos=51,reduced-phys-bits=1", plan.Command.Arguments);
    }

    [Fact]
    public void Snp_guest_uses_a_memfd_backend_and_a_single_firmware_image()
    {
        var plan = LaunchCommandBuilder.Build(Disk with
        {
            Level = SevLevel.SevSnp,
            Kernel = "/boot/vmlinuz-6.11.0-snp-guest",
            Initrd = "/boot/initrd.img-6.11.0-snp-guest",
            Append = "console=ttyS0 root=/dev/sda1",
            CbitPosition = 51,
        }, cpuid: null);

        Approved.Verify(plan.PrintText, "sev-snp");
        var args = plan.Command.Arguments;
        Assert.Contains("memory-backend-memfd,id=ram1,size=2048M,share=true,prealloc=false", args);
        Assert.Contains("q35,confidential-guest-support=sev0,vmport=off,memory-backend=ram1", args);
        Assert.Contains("sev-snp-guest,id=sev0,policy=0x30000,cbitpos=51,reduced-phys-bits=1", args);
        Assert.Equal("/usr/share/sevstack/OVMF.fd", args[args.ToList().IndexOf("-bios") + 1]);
        Assert.DoesNotContain(args, a => a.StartsWith("if=pflash", StringComparison.Ordinal));
        Assert.Null(plan.VarsCopy);
        Assert.True(plan.Command.NeedsRoot);
    }

    [Fact]
    public void Without_cpuid_or_an_explicit_c_bit_the_error_says_what_to_do()
    {
        var unreadable = new CpuidReading("/dev/cpu/0/cpuid", null, null, "missing");

        var error = Assert.Throws<BuildException>(() => LaunchCommandBuilder.Build(Disk with { Level = SevLevel.Sev }, unreadable));

        Assert.Contains("C-bit position is unknown", error.Message);
        Assert.Contains("modprobe cpuid", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_cpu_without_sev_is_refused()
    {
        var noSev = new CpuidReading("/dev/cpu/0/cpuid", new CpuidLeaf8000001F(0, 0, 0, 0), 0x80000021, null);

        var error = Assert.Throws<BuildException>(() => LaunchCommandBuilder.Build(Disk with { Level = SevLevel.Sev }, noSev));

        Assert.Contains("no SEV support", error.Message);
    }

    [Theory]
    [InlineData(SevLevel.SevEs, 0x1ul, "lacks bit 2")]
    [InlineData(SevLevel.Sev, 0x5ul, "plain SEV was requested")]
    [InlineData(SevLevel.Sev, 0x41ul, "reserved bits")]
    [InlineData(SevLevel.Sev, 0x1_0000_0000ul, "32 bits")]
    [InlineData(SevLevel.SevSnp, 0x10000ul, "bit 17")]
    public void Invalid_policies_are_refused_with_the_reason(SevLevel level, ulong policy, string reason)
    {
        var error = Assert.Throws<BuildException>(() => LaunchCommandBuilder.Build(Disk with { Level = level, Policy = policy, CbitPosition = 51 }, null));

        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Snp_without_its_firmware_image_is_refused() =>
        Assert.Contains("-bios", Assert.Throws<BuildException>(() =>
            LaunchCommandBuilder.Build(Disk with { Level = SevLevel.SevSnp, SnpFirmware = null, CbitPosition = 51 }, null)).Message);

    [Fact]
    public void The_vars_copy_is_made_once_and_never_overwritten()
    {
        using var directory = new TempDirectory();
        var template = directory.WriteFile("OVMF_VARS.fd", "template");
        var plan = LaunchCommandBuilder.Build(Disk with { OvmfVarsTemplate = template, StateDirectory = directory.Combine("guests") }, null);

        Assert.True(QemuLauncher.EnsureVarsCopy(plan));
        File.WriteAllText(plan.VarsCopy!, "guest's own variables");
        Assert.False(QemuLauncher.EnsureVarsCopy(plan));
        Assert.Equal("guest's own variables", File.ReadAllText(plan.VarsCopy!));
    }

    [Fact]
    public async Task Missing_input_files_stop_the_launch_before_qemu_runs()
    {
        var plan = LaunchCommandBuilder.Build(Disk, cpuid: null);
        var runner = new ScriptedCommandRunner(new Dictionary<string, Func<SevStack.Toolkit.Processes.CommandSpec, SevStack.Toolkit.Processes.CommandResult>>());

        var error = await Assert.ThrowsAsync<BuildException>(() => QemuLauncher.RunAsync(plan, runner));

        Assert.Contains("/var/lib/sevstack/guests/ubuntu-24.04.qcow2", error.Message);
        Assert.Empty(runner.Calls);
    }

    [Theory]
    [InlineData(SevLevel.SevSnp, "sev-snp-guest")]
    [InlineData(SevLevel.Sev, "sev-guest")]
    public async Task A_qemu_without_the_guests_sev_object_is_refused_before_it_starts(SevLevel level, string type)
    {
        using var directory = new TempDirectory();
        var plan = LaunchCommandBuilder.Build(Disk with
        {
            Level = level, CbitPosition = 51, DiskImage = directory.WriteFile("guest.img", ""), SnpFirmware = directory.WriteFile("OVMF.fd", ""),
            OvmfCode = directory.WriteFile("OVMF_CODE.fd", ""), OvmfVarsTemplate = directory.WriteFile("OVMF_VARS.fd", ""), StateDirectory = directory.Path,
        }, null);
        var runner = new ScriptedCommandRunner(new Dictionary<string, Func<SevStack.Toolkit.Processes.CommandSpec, SevStack.Toolkit.Processes.CommandResult>>
        {
            ["qemu-system-x86_64"] = _ => ScriptedCommandRunner.Output("List of user creatable objects:\n  memory-backend-memfd\n  secret\n"),
        });

        var error = await Assert.ThrowsAsync<BuildException>(() => QemuLauncher.RunAsync(plan, runner));

        Assert.Equal(type, QemuLauncher.SevObjectType(plan));
        Assert.StartsWith($"qemu-system-x86_64 has no {type} object", error.Message);
        Assert.Equal(["-object", "help"], Assert.Single(runner.Calls).Arguments);
        Assert.False(File.Exists(plan.VarsCopy ?? directory.Combine("none")));
    }

    [Fact]
    public async Task A_qemu_with_the_sev_object_starts_the_guest()
    {
        using var directory = new TempDirectory();
        var plan = LaunchCommandBuilder.Build(Disk with
        {
            Level = SevLevel.Sev, CbitPosition = 51, DiskImage = directory.WriteFile("guest.img", ""),
            OvmfCode = directory.WriteFile("OVMF_CODE.fd", ""), OvmfVarsTemplate = directory.WriteFile("OVMF_VARS.fd", "vars"), StateDirectory = directory.Path,
        }, null);
        var runner = new ScriptedCommandRunner(new Dictionary<string, Func<SevStack.Toolkit.Processes.CommandSpec, SevStack.Toolkit.Processes.CommandResult>>
        {
            ["qemu-system-x86_64"] = spec => ScriptedCommandRunner.Output(spec.Arguments.SequenceEqual(["-object", "help"]) ? "  secret\n  sev-guest\n" : ""),
        });

        await QemuLauncher.RunAsync(plan, runner);

        Assert.Equal(2, runner.Calls.Count);
        Assert.Equal(plan.Command, runner.Calls[1]);
        Assert.Equal("vars", File.ReadAllText(plan.VarsCopy!));
    }

    [Fact]
    public void Commas_in_paths_are_doubled_as_qemu_option_lists_require()
    {
        var plan = LaunchCommandBuilder.Build(Disk with { DiskImage = "/srv/vm,1/disk.raw" }, cpuid: null);

        Assert.Contains("file=/srv/vm,,1/disk.raw,if=none,id=disk0,format=raw", plan.Command.Arguments);
    }
}
