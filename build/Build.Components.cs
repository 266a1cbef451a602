using SevStack.Components.BuildDeps;
using SevStack.Components.Kernel;
using SevStack.Components.Ovmf;
using SevStack.Components.Qemu;
using SevStack.Components.Smoke;
using SevStack.Engine;
using SevStack.Engine.Parameters;
using SevStack.Engine.Targets;
using SevStack.Sources;

namespace SevStack.Build;

sealed partial class Build
{
    [Parameter("Kernel base configuration: running (/boot/config-$(uname -r), as the seed did), defconfig, tinyconfig (quickest) or file:PATH")]
    readonly string KernelConfig = "running";

    [Parameter("Build the host kernel with AMD_MEM_ENCRYPT_ACTIVE_BY_DEFAULT: this also turns SME on for the whole host, which some hosts cannot boot with")]
    readonly bool AmdMemEncryptActiveByDefault;

    [Parameter("Suffix of the SEV kernel's release and package names (LOCALVERSION)")]
    readonly string KernelLocalVersion = "-sev";

    [Parameter("Install prefix of the QEMU and OVMF packages (/usr/local as in the seed, or /opt/sevstack)")]
    readonly string InstallPrefix = "/opt/sevstack";

    [Parameter("OVMF platform: host (OvmfPkgIa32X64, SMM and Secure Boot), kata (OvmfPkgX64) or amd-sev (OvmfPkg/AmdSev/AmdSevX64)")]
    readonly OvmfVariant OvmfVariant = OvmfVariant.Kata;

    [Parameter("OVMF build type: release or debug")]
    readonly OvmfBuildType OvmfBuildType = OvmfBuildType.Release;

    [Parameter("Parallel jobs of make and edk2's build (default: the number of cores)")]
    readonly int Jobs = Environment.ProcessorCount;

    KernelPackages? HostKernelPackages;
    KernelImages? GuestKernelImages;
    QemuBuildResult? HostQemu;
    OvmfBuildResult? Ovmf;

    string BuildRoot => Path.Combine(WorkDirectory, "build");

    Target InstallBuildDeps => _ => _
        .Description("Install the Debian packages the kernel, QEMU, OVMF builds and the smoke boot need (only the missing ones)")
        .UsesExclusive("apt")
        .Executes(async context =>
        {
            var components = new[] { BuildComponent.Kernel, BuildComponent.Qemu, BuildComponent.Ovmf, BuildComponent.SmokeBoot }
                .Concat(OvmfVariant == OvmfVariant.AmdSev ? [BuildComponent.OvmfAmdSev] : []);
            var installed = await new BuildDependencyInstaller(context.Runner).InstallMissingAsync(DebianBuildPackages.For(components), context.CancellationToken);
            context.Note = installed.Count == 0 ? "nothing missing" : $"{installed.Count} installed";
        });

    Target BuildKernel => _ => _
        .Description("Configure the host kernel with the SEV options (each verified after olddefconfig) and build its .deb packages")
        .DependsOn(FetchKernel)
        .DependsOn(InstallBuildDeps)
        .Executes(async context =>
        {
            var source = Fetched(FetchedKernel, "kernel");
            var objects = Path.Combine(BuildRoot, "linux-host");
            await new KernelConfigurator(context.Runner).ConfigureAsync(
                new KernelConfigRequest(source.Path, objects, KernelFlavour.Host, KernelConfigBase.Parse(KernelConfig))
                {
                    MemoryEncryptionActiveByDefault = AmdMemEncryptActiveByDefault,
                    FragmentsDirectory = Path.Combine(RootDirectory, "patches", "kernel"),
                }, context.CancellationToken);
            HostKernelPackages = await new KernelBuilder(context.Runner).BuildHostPackagesAsync(
                new KernelBuildRequest(source.Path, objects, SourceDate(source)) { Jobs = Jobs, LocalVersion = KernelLocalVersion }, context.CancellationToken);
            context.Note = Path.GetFileName(HostKernelPackages.Image);
        });

    Target BuildGuestKernel => _ => _
        .Description("Configure the Kata guest kernel with the SEV guest options (PSP/CCP off) and build bzImage and vmlinux")
        .DependsOn(FetchGuestKernel)
        .DependsOn(InstallBuildDeps)
        .Executes(async context =>
        {
            var source = Fetched(FetchedGuestKernel, "guest-kernel");
            var objects = Path.Combine(BuildRoot, "linux-guest");
            await new KernelConfigurator(context.Runner).ConfigureAsync(
                new KernelConfigRequest(source.Path, objects, KernelFlavour.Guest, KernelConfigBase.Parse(KernelConfig))
                {
                    FragmentsDirectory = Path.Combine(RootDirectory, "patches", "guest-kernel"),
                }, context.CancellationToken);
            GuestKernelImages = await new KernelBuilder(context.Runner).BuildGuestImagesAsync(
                new KernelBuildRequest(source.Path, objects, SourceDate(source)) { Jobs = Jobs }, context.CancellationToken);
            context.Note = GuestKernelImages.KernelRelease;
        });

    Target BuildQemu => _ => _
        .Description("Configure and build QEMU (x86_64-softmmu) out of tree, stage it, and verify it offers sev-guest")
        .DependsOn(FetchQemu)
        .DependsOn(InstallBuildDeps)
        .Executes(async context =>
        {
            var source = Fetched(FetchedQemu, "qemu");
            HostQemu = await new QemuBuilder(context.Runner).BuildAsync(
                new QemuBuildRequest(source.Path, Path.Combine(BuildRoot, "qemu"), QemuFlavour.Host, InstallPrefix) { Jobs = Jobs }, context.CancellationToken);
            context.Note = HostQemu.SystemBinary;
        });

    Target BuildOvmf => _ => _
        .Description("Build OVMF with edk2's BaseTools for the chosen platform and check its firmware images")
        .DependsOn(FetchOvmf)
        .DependsOn(InstallBuildDeps)
        .Executes(async context =>
        {
            var source = Fetched(FetchedOvmf, "ovmf");
            Ovmf = await new OvmfBuilder(context.Runner).BuildAsync(
                new OvmfBuildRequest(source.Path, OvmfVariant) { BuildType = OvmfBuildType, Jobs = Jobs }, context.CancellationToken);
            context.Note = Ovmf.Combined;
        });

    Target SmokeBoot => _ => _
        .Description("Boot the built kernel in the built QEMU with the built OVMF (TCG), load ccp, kvm, kvm-amd, and wait for the marker")
        .DependsOn(BuildKernel, BuildQemu, BuildOvmf)
        .Executes(async context =>
        {
            var kernelPackages = HostKernelPackages ?? throw new BuildException("SmokeBoot needs BuildKernel's packages");
            var qemu = HostQemu ?? throw new BuildException("SmokeBoot needs BuildQemu's result");
            var ovmf = Ovmf ?? throw new BuildException("SmokeBoot needs BuildOvmf's result");
            var smoke = Path.Combine(BuildRoot, "smoke");
            var kernel = await KernelPackageContents.ExtractAsync(context.Runner, kernelPackages.Image, kernelPackages.KernelRelease, Path.Combine(smoke, "linux-image"), context.CancellationToken);
            string[] modules = ["ccp", "kvm", "kvm-amd"];
            var initrd = SmokeInitramfs.Build(Path.Combine(smoke, "initramfs.cpio.gz"), SmokeBootRequest.DefaultMarker,
                KernelModuleOrder.Resolve(kernel.ModulesDirectory, modules), SourceDate(Fetched(FetchedKernel, "kernel")));
            var firmware = ovmf.Variant == OvmfVariant.Host && ovmf.Code is { } code && ovmf.Vars is { } vars
                ? SmokeFirmware.OvmfPflash(code, vars, requiresSmm: true)
                : SmokeFirmware.Ovmf(ovmf.Combined);
            var result = await new SmokeBoot(context.Runner).RequirePassAsync(
                new SmokeBootRequest(qemu.SystemBinary, kernel.Kernel, initrd, firmware, smoke) { RequiredModules = modules }, context.CancellationToken);
            context.Note = $"booted in {result.Seconds:0.0} s, kvm_amd.sev={result.KvmAmdSev}";
        });

    static FetchedSource Fetched(FetchedSource? source, string component) =>
        source ?? throw new BuildException($"the {component} source was not fetched in this run");

    static DateTimeOffset SourceDate(FetchedSource source) => source.Identity.SourceDate ?? DateTimeOffset.FromUnixTimeSeconds(0);
}
