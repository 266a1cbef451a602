using SevStack.Components.Smoke;
using SevStack.Toolkit;
using SevStack.Toolkit.Processes;
using SevStack.Testing;

namespace SevStack.Components.Tests.Smoke;

public sealed class SmokeBootTests
{
    readonly MemoryBuildLog log = new();
    ICommandRunner Runner => new CliWrapCommandRunner(log, Privilege.Detect());

    /// <summary>A QEMU stand-in: prints a console like the smoke init's, or a panic when booted with the given argument.</summary>
    static string FakeQemu(TempDirectory temp, string panicWhenArgument = "--never--") => Fixture.Script(temp.Combine("qemu"),
        "#!/bin/bash\n" +
        "echo \"args: $*\" > \"$(dirname \"$0\")/qemu.args\"\n" +
        $"for a in \"$@\"; do [ \"$a\" = '{panicWhenArgument}' ] && {{ echo 'Kernel panic - not syncing: fixture'; exit 0; }}; done\n" +
        "echo '=== smoke: kernel 6.1.0-sev ==='\n" +
        "echo 'insmod ccp.ko rc=0'\necho 'insmod kvm.ko rc=0'\necho 'insmod kvm-amd.ko rc=0'\n" +
        "echo 'kvm_amd.sev=N'\necho 'SEVSTACK-SMOKE-OK'\n");

    SmokeBootRequest Request(TempDirectory temp, string qemu, SmokeFirmware firmware) =>
        new(qemu, temp.WriteFile("bzImage", "k"), temp.WriteFile("initramfs.gz", "i"), firmware, temp.Combine("smoke"))
        {
            RequiredModules = ["kvm_amd", "ccp"],
        };

    [Fact]
    public async Task Passing_boot_reports_modules_sev_value_time_and_keeps_the_console_log()
    {
        using var temp = new TempDirectory();
        var request = Request(temp, FakeQemu(temp), SmokeFirmware.Ovmf("/fw/OVMF.fd"));

        var result = await new SmokeBoot(Runner).RunAsync(request);

        Assert.True(result.Passed, result.Failure);
        Assert.Equal("N", result.KvmAmdSev);
        Assert.Equal(["ccp.ko", "kvm.ko", "kvm-amd.ko"], result.ModuleResults.Select(m => m.Key));
        Assert.All(result.ModuleResults, m => Assert.Equal(0, m.Value));
        Assert.True(result.Seconds > 0);
        Assert.Contains("SEVSTACK-SMOKE-OK", File.ReadAllText(result.ConsoleLogPath));
        Assert.Equal(
            $"args: -machine q35 -accel tcg -m 512 -nographic -no-reboot -vga none -nic none -kernel {request.Kernel} -initrd {request.Initramfs} " +
            "-append console=ttyS0 panic=-1 -bios /fw/OVMF.fd",
            File.ReadAllText(temp.Combine("qemu.args")).Trim());
        Assert.Contains(log.Lines, l => l.StartsWith("$ timeout --kill-after=5 120 ", StringComparison.Ordinal));
    }

    [Fact]
    public void Pflash_boot_uses_a_private_vars_copy_and_smm_firmware_gets_a_secure_flash()
    {
        using var temp = new TempDirectory();
        var vars = temp.WriteFile("OVMF_VARS.fd", "vars");
        var request = Request(temp, "/q", SmokeFirmware.OvmfPflash("/fw/OVMF_CODE.fd", vars, requiresSmm: true));
        Directory.CreateDirectory(request.WorkDirectory);

        var arguments = string.Join(' ', SmokeBoot.QemuArguments(request));

        Assert.StartsWith("-machine q35,smm=on ", arguments);
        Assert.EndsWith($"-global driver=cfi.pflash01,property=secure,value=on -drive if=pflash,format=raw,unit=0,readonly=on,file=/fw/OVMF_CODE.fd " +
            $"-drive if=pflash,format=raw,unit=1,file={request.WorkDirectory}/smoke.OVMF_VARS.fd", arguments);
        Assert.Equal("vars", File.ReadAllText(Path.Combine(request.WorkDirectory, "smoke.OVMF_VARS.fd")));
    }

    [Fact]
    public void Kernel_alone_boot_searches_debian_seabios_folders() =>
        Assert.EndsWith("-L /usr/share/seabios -L /usr/share/qemu",
            string.Join(' ', SmokeBoot.QemuArguments(new SmokeBootRequest("/q", "/k", "/i", SmokeFirmware.KernelAlone(), "/w"))));

    [Fact]
    public async Task Firmware_fault_is_told_apart_from_kernel_fault()
    {
        using var temp = new TempDirectory();
        var request = Request(temp, FakeQemu(temp, panicWhenArgument: "-bios"), SmokeFirmware.Ovmf("/fw/OVMF.fd"));

        var error = await Assert.ThrowsAsync<BuildException>(() => new SmokeBoot(Runner).RequirePassAsync(request));

        Assert.StartsWith("Smoke boot with -bios /fw/OVMF.fd failed (Kernel panic - not syncing: fixture); the same kernel boots without it (", error.Message);
        Assert.EndsWith($"s), so the firmware is at fault; console log: {request.WorkDirectory}/smoke.console.log.", error.Message);
    }

    [Fact]
    public async Task Kernel_fault_is_reported_when_the_kernel_alone_fails_too()
    {
        using var temp = new TempDirectory();
        var request = Request(temp, FakeQemu(temp, panicWhenArgument: "-kernel"), SmokeFirmware.Ovmf("/fw/OVMF.fd"));

        var error = await Assert.ThrowsAsync<BuildException>(() => new SmokeBoot(Runner).RequirePassAsync(request));

        Assert.Contains("the kernel alone fails too (Kernel panic - not syncing: fixture;", error.Message);
        Assert.Contains("so the kernel or QEMU is at fault", error.Message);
    }

    [Fact]
    public async Task A_module_that_failed_to_load_fails_the_boot()
    {
        using var temp = new TempDirectory();
        var qemu = Fixture.Script(temp.Combine("qemu"), "#!/bin/sh\necho 'insmod kvm-amd.ko rc=1'\necho 'kvm_amd.sev=absent'\necho SEVSTACK-SMOKE-OK\n");

        var result = await new SmokeBoot(Runner).RunAsync(Request(temp, qemu, SmokeFirmware.KernelAlone()));

        Assert.False(result.Passed);
        Assert.True(result.MarkerSeen);
        Assert.Equal("modules did not load: kvm_amd, ccp", result.Failure);
    }

    [Fact]
    public async Task A_hanging_guest_is_stopped_at_the_time_limit()
    {
        using var temp = new TempDirectory();
        var qemu = Fixture.Script(temp.Combine("qemu"), "#!/bin/sh\necho booting\nexec sleep 30\n");

        var result = await new SmokeBoot(Runner).RunAsync(Request(temp, qemu, SmokeFirmware.KernelAlone()) with { TimeLimit = TimeSpan.FromSeconds(1) });

        Assert.False(result.Passed);
        Assert.True(result.TimedOut);
        Assert.Equal("no marker within 1 s", result.Failure);
        Assert.True(result.Seconds < 10);
    }
}
