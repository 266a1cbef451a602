using SevStack.Components.Kernel;
using SevStack.Components.Ovmf;
using SevStack.Components.Smoke;

namespace SevStack.Build.Modules.Smoke;

/// <summary>
/// The three built pieces together: the host kernel booted in our QEMU with our OVMF under TCG. With --build-release
/// QEMU runs where it was built, in the build root (a QEMU built for another release needs that release's libraries),
/// and the initramfs takes the root's static busybox.
/// </summary>
sealed class SmokeBootModule(IStackSettings settings, SourcesModule sources, ToolchainModule toolchain, KernelModule kernel, QemuModule qemu, OvmfModule ovmf)
    : IBuildModule, INeedsBuildPackages
{
    public IEnumerable<BuildComponent> BuildComponents => [BuildComponent.SmokeBoot];
    public bool BuildsInBuildRoot => true;
    BuildRootChoice BuildRoots => toolchain.BuildRootsOf(this);

    public Target SmokeBoot => _ => _
        .Description("Boot the built kernel in the built QEMU with the built OVMF (TCG), load ccp, kvm, kvm-amd, and wait for the marker")
        .Consumes(kernel.HostKernel, qemu.HostQemu, ovmf.Firmware, sources.KernelTree)
        .DependsOn(toolchain.InstallBuildDeps)
        .Executes(async context =>
        {
            var busybox = BuildRoots.Root(context) is { } root ? root.Map(SmokeInitramfs.DebianBusybox) : SmokeInitramfs.DebianBusybox;
            var packages = context.Get(kernel.HostKernel).Packages;
            var firmwareBuild = context.Get(ovmf.Firmware).Firmware;
            var folder = Path.Combine(settings.BuildRoot, "smoke");
            var extracted = await KernelPackageContents.ExtractAsync(context.Runner, packages.Image, packages.KernelRelease, Path.Combine(folder, "linux-image"), context.CancellationToken);
            string[] modules = ["ccp", "kvm", "kvm-amd"];
            var initrd = SmokeInitramfs.Build(Path.Combine(folder, "initramfs.cpio.gz"), SmokeBootRequest.DefaultMarker,
                KernelModuleOrder.Resolve(extracted.ModulesDirectory, modules), context.Get(sources.KernelTree).SourceDate(), busybox);
            var firmware = firmwareBuild.Variant == OvmfVariant.Host && firmwareBuild.Code is { } code && firmwareBuild.Vars is { } vars
                ? SmokeFirmware.OvmfPflash(code, vars, requiresSmm: true)
                : SmokeFirmware.Ovmf(firmwareBuild.Combined);
            var result = await new Components.Smoke.SmokeBoot(BuildRoots.Runner(context)).RequirePassAsync(
                new SmokeBootRequest(context.Get(qemu.HostQemu).Result.SystemBinary, extracted.Kernel, initrd, firmware, folder) { RequiredModules = modules },
                context.CancellationToken);
            context.Note = $"booted in {result.Seconds:0.0} s, kvm_amd.sev={result.KvmAmdSev}";
        });
}
