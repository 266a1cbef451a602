using SevStack.Components.Smoke;
using SevStack.Engine.Processes;
using Xunit.Abstractions;

namespace SevStack.Components.Tests.E2E;

[Trait("Suite", "E2E")]
public sealed class SmokeBootE2ETests(ITestOutputHelper output)
{
    static readonly string[] SevModules = ["ccp", "kvm", "kvm-amd"];

    [Fact]
    public async Task Built_kernel_boots_in_built_qemu_with_built_ovmf_and_loads_its_kvm_and_sev_modules()
    {
        var (packages, qemuBinary, ovmf) = await E2EBuilds.ForSmokeAsync();
        var work = Path.Combine(E2EWorkspace.Builds, "smoke");
        using var log = E2EWorkspace.Log("smoke");
        var runner = new CliWrapCommandRunner(log, Privilege.Detect());

        var kernel = await KernelPackageContents.ExtractAsync(runner, packages.Image, packages.KernelRelease, Path.Combine(work, "linux-image"));
        var modules = KernelModuleOrder.Resolve(kernel.ModulesDirectory, SevModules);
        var initramfs = SmokeInitramfs.Build(Path.Combine(work, "initramfs.cpio.gz"), SmokeBootRequest.DefaultMarker, modules, E2EWorkspace.SourceDate);
        var request = new SmokeBootRequest(qemuBinary, kernel.Kernel, initramfs, SmokeFirmware.Ovmf(ovmf.Combined), work)
        {
            RequiredModules = SevModules,
            Name = "ovmf",
        };
        var boot = new SmokeBoot(runner);
        await new SevStack.Components.Qemu.QemuSevVerifier(runner).VerifyAsync(qemuBinary);

        var withOvmf = await E2EBuilds.Timed("smoke boot: built kernel + built QEMU + built OVMF (-bios)", () => boot.RequirePassAsync(request));
        var withPflash = await E2EBuilds.Timed("smoke boot: built kernel + built QEMU + built OVMF (pflash)", () => boot.RunAsync(
            request with { Firmware = SmokeFirmware.OvmfPflash(ovmf.Code!, ovmf.Vars!), Name = "pflash" }));
        var alone = await E2EBuilds.Timed("smoke boot: built kernel + built QEMU, kernel alone (SeaBIOS)", () => boot.RunAsync(
            request with { Firmware = SmokeFirmware.KernelAlone(), Name = "kernel-alone" }));

        foreach (var r in new[] { withOvmf, withPflash, alone })
            output.WriteLine($"{r.Firmware}: passed={r.Passed} {r.Seconds:0.0}s sev={r.KvmAmdSev} {string.Join(" ", r.ModuleResults.Select(m => $"{m.Key}={m.Value}"))} {r.Failure}");
        Assert.True(withOvmf.Passed);
        Assert.Equal("N", withOvmf.KvmAmdSev);
        Assert.Contains(withOvmf.ModuleResults, m => m.Key == "kvm-amd.ko" && m.Value == 0);
        Assert.True(withPflash.Passed, withPflash.Failure);
        Assert.True(alone.Passed, alone.Failure);
    }
}
