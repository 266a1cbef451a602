using SevStack.Build.Parameters;
using System.Security.Cryptography;
using SevStack.Build.Outputs;
using SevStack.Components.BuildDeps;
using SevStack.Components.Ccache;
using SevStack.Components.Kernel;
using SevStack.Components.Ovmf;
using SevStack.Components.Qemu;
using SevStack.Components.Smoke;
using SevStack.Engine;
using SevStack.Engine.Caching;
using SevStack.Engine.Parameters;
using SevStack.Engine.Targets;
using SevStack.Sources;

namespace SevStack.Build;

sealed partial class Build
{
    [Parameter("Kernel base configuration: running (/boot/config-$(uname -r), as the seed did), defconfig, tinyconfig (quickest) or file:PATH")]
    readonly KernelConfigSetting KernelConfig = KernelConfigSetting.Parse("running", null);

    [Parameter("Build the host kernel with AMD_MEM_ENCRYPT_ACTIVE_BY_DEFAULT: this also turns SME on for the whole host, which some hosts cannot boot with")]
    readonly bool AmdMemEncryptActiveByDefault;

    [Parameter("Suffix of the SEV kernel's release and package names (LOCALVERSION)")]
    readonly KernelReleaseSuffix KernelLocalVersion = KernelReleaseSuffix.Parse("-sev", null);

    [Parameter("Install prefix of the QEMU and OVMF packages (/usr/local as in the seed, or /opt/sevstack)")]
    readonly InstallPrefixSetting InstallPrefix = InstallPrefixSetting.Parse("/opt/sevstack", null);

    [Parameter("OVMF platform: host (OvmfPkgIa32X64, SMM and Secure Boot), kata (OvmfPkgX64) or amd-sev (OvmfPkg/AmdSev/AmdSevX64)")]
    readonly OvmfVariant OvmfVariant = OvmfVariant.Kata;

    [Parameter("OVMF build type: release or debug")]
    readonly OvmfBuildType OvmfBuildType = OvmfBuildType.Release;

    [Parameter("Parallel jobs of make and edk2's build (default: the number of cores)")]
    [ValueRange(1, 4096)]
    readonly int Jobs = Environment.ProcessorCount;

    [Parameter("Compile the kernels and QEMU through ccache (Debian's package), its store under the cache folder")]
    readonly bool Ccache = true;

    KernelPackages? BuiltHostKernel;
    KernelImages? BuiltGuestKernel;
    QemuBuildResult? BuiltQemu, BuiltKataQemu;
    OvmfBuildResult? BuiltOvmf;

    KernelPackages HostKernelPackages => BuiltHostKernel ??= ComponentResults.ReadHostKernel(OutputOf(nameof(BuildKernel))).Result;
    KernelImages GuestKernelImages => BuiltGuestKernel ??= ComponentResults.ReadGuestKernel(OutputOf(nameof(BuildGuestKernel)));
    QemuBuildResult HostQemu => BuiltQemu ??= ComponentResults.ReadQemu(OutputOf(nameof(BuildQemu)));
    OvmfBuildResult Ovmf => BuiltOvmf ??= ComponentResults.ReadOvmf(OutputOf(nameof(BuildOvmf)));

    string BuildRoot => Path.Combine(WorkDirectory, "build");

    Target InstallBuildDeps => _ => _
        .Description("Install the Debian packages the kernel, QEMU (both flavours), OVMF builds and the smoke boot need (only the missing ones)")
        .UsesExclusive("apt")
        .Executes(async context =>
        {
            var components = new[] { BuildComponent.Kernel, BuildComponent.Qemu, BuildComponent.Ovmf, BuildComponent.SmokeBoot }
                .Concat(OvmfVariant == OvmfVariant.AmdSev ? [BuildComponent.OvmfAmdSev] : [])
                .Concat(Ccache ? [BuildComponent.CompilerCache] : [])
                .Append(BuildComponent.KataQemu);
            var installed = await new BuildDependencyInstaller(context.Runner).InstallMissingAsync(DebianBuildPackages.For(components), context.CancellationToken);
            context.Note = installed.Count == 0 ? "nothing missing" : $"{installed.Count} installed";
        });

    Target BuildKernel => _ => _
        .Description("Configure the host kernel with the SEV options (each verified after olddefconfig) and build its .deb packages")
        .DependsOn(FetchKernel)
        .DependsOn(InstallBuildDeps)
        .Cacheable(c => KernelCacheInputs(c, "kernel-host-6", () => FetchedKernel, "kernel")
            .Input("maintainer", () => Maintainer.ToString())
            .Input("amd-mem-encrypt-active-by-default", () => AmdMemEncryptActiveByDefault.ToString())
            .Input("local-version", () => KernelLocalVersion.Value)
            .Tool("dpkg-deb", "dpkg-deb", "--version")
            .Output(() => OutputOf(nameof(BuildKernel)).Path))
        .Executes(async context =>
        {
            var source = Fetched(FetchedKernel, "kernel");
            var objects = Path.Combine(BuildRoot, "linux-host");
            await new KernelConfigurator(context.Runner).ConfigureAsync(
                new KernelConfigRequest(source.Path, objects, KernelFlavour.Host, KernelConfig.Base)
                {
                    MemoryEncryptionActiveByDefault = AmdMemEncryptActiveByDefault,
                    FragmentsDirectory = Path.Combine(RootDirectory, "patches", "kernel"),
                    CompilerCache = CompilerCache,
                }, context.CancellationToken);
            var ccache = await CcacheMeasurement.StartAsync(context.Runner, CompilerCache, context.CancellationToken);
            var (maintainerName, maintainerEmail) = (Maintainer.Name, Maintainer.Email);
            var packages = await new KernelBuilder(context.Runner).BuildHostPackagesAsync(
                new KernelBuildRequest(source.Path, objects, SourceDate(source))
                {
                    Jobs = Jobs, LocalVersion = KernelLocalVersion.Value, CompilerCache = CompilerCache,
                    MaintainerName = maintainerName, MaintainerEmail = maintainerEmail,
                },
                context.CancellationToken);
            BuiltHostKernel = context.IsDryRun ? packages : ComponentResults.StoreHostKernel(OutputOf(nameof(BuildKernel)), packages, context.CacheKey);
            context.Note = string.Join("; ", new[] { Path.GetFileName(packages.Image), await ccache.DescribeAsync() }.OfType<string>());
        });

    Target BuildGuestKernel => _ => _
        .Description("Configure the Kata guest kernel with the SEV guest options (PSP/CCP off) and build bzImage and vmlinux")
        .DependsOn(FetchGuestKernel)
        .DependsOn(InstallBuildDeps)
        .Cacheable(c => KernelCacheInputs(c, "kernel-guest-3", () => FetchedGuestKernel, "guest-kernel")
            .Output(() => OutputOf(nameof(BuildGuestKernel)).Path))
        .Executes(async context =>
        {
            var source = Fetched(FetchedGuestKernel, "guest-kernel");
            var objects = Path.Combine(BuildRoot, "linux-guest");
            await new KernelConfigurator(context.Runner).ConfigureAsync(
                new KernelConfigRequest(source.Path, objects, KernelFlavour.Guest, KernelConfig.Base)
                {
                    FragmentsDirectory = Path.Combine(RootDirectory, "patches", "guest-kernel"),
                    CompilerCache = CompilerCache,
                }, context.CancellationToken);
            var ccache = await CcacheMeasurement.StartAsync(context.Runner, CompilerCache, context.CancellationToken);
            var images = await new KernelBuilder(context.Runner).BuildGuestImagesAsync(
                new KernelBuildRequest(source.Path, objects, SourceDate(source)) { Jobs = Jobs, CompilerCache = CompilerCache }, context.CancellationToken);
            BuiltGuestKernel = context.IsDryRun ? images : ComponentResults.StoreGuestKernel(OutputOf(nameof(BuildGuestKernel)), images, context.CacheKey);
            context.Note = string.Join("; ", new[] { images.KernelRelease, await ccache.DescribeAsync() }.OfType<string>());
        });

    Target BuildQemu => _ => _
        .Description("Configure and build QEMU (x86_64-softmmu) out of tree, stage it with the sevstack-launch-qemu launcher, and verify it offers sev-guest")
        .DependsOn(FetchQemu)
        .DependsOn(InstallBuildDeps)
        .Cacheable(c => QemuCacheInputs(c, "qemu-host-2", QemuFlavour.Host)
            .Input("launcher", () => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
                SevStack.Launch.Qemu.LauncherScript.Render(QemuPrefix(QemuFlavour.Host))))))
            .Output(() => OutputOf(nameof(BuildQemu)).Path))
        .Executes(async context =>
        {
            BuiltQemu = await BuildQemuFlavourAsync(context, QemuFlavour.Host, OutputOf(nameof(BuildQemu)));
            if (!context.IsDryRun)
                SevStack.Launch.Qemu.LauncherScript.Stage(BuiltQemu.StagingDirectory, QemuPrefix(QemuFlavour.Host));
        });

    Target BuildKataQemu => _ => _
        .Description("Build Kata's QEMU flavour (KVM only, no TCG, hardened, virtio-fs/9p) into <install-prefix>/kata, apart from the host QEMU")
        .DependsOn(FetchQemu)
        .DependsOn(InstallBuildDeps)
        .Cacheable(c => QemuCacheInputs(c, "qemu-kata-2", QemuFlavour.Kata).Output(() => OutputOf(nameof(BuildKataQemu)).Path))
        .Executes(async context => BuiltKataQemu = await BuildQemuFlavourAsync(context, QemuFlavour.Kata, OutputOf(nameof(BuildKataQemu))));

    Target BuildOvmf => _ => _
        .Description("Build OVMF with edk2's BaseTools for the chosen platform and check its firmware images")
        .DependsOn(FetchOvmf)
        .DependsOn(InstallBuildDeps)
        .Cacheable(c => c
            .Recipe("ovmf-1")
            .Input("source", () => Fetched(FetchedOvmf, "ovmf").Identity.Canonical())
            .Input("variant", () => OvmfVariant.ToString())
            .Input("build-type", () => OvmfBuildType.ToString())
            .Tool("gcc", "gcc", "--version").Tool("nasm", "nasm", "-v").Tool("python3", "python3", "--version")
            .Output(() => OutputOf(nameof(BuildOvmf)).Path))
        .Executes(async context =>
        {
            var source = Fetched(FetchedOvmf, "ovmf");
            var ovmf = await new OvmfBuilder(context.Runner).BuildAsync(
                new OvmfBuildRequest(source.Path, OvmfVariant) { BuildType = OvmfBuildType, Jobs = Jobs }, context.CancellationToken);
            BuiltOvmf = context.IsDryRun ? ovmf : ComponentResults.StoreOvmf(OutputOf(nameof(BuildOvmf)), ovmf, context.CacheKey);
            context.Note = Path.GetFileName(ovmf.Combined);
        });

    Target SmokeBoot => _ => _
        .Description("Boot the built kernel in the built QEMU with the built OVMF (TCG), load ccp, kvm, kvm-amd, and wait for the marker")
        .DependsOn(BuildKernel, BuildQemu, BuildOvmf)
        .Executes(async context =>
        {
            var kernelPackages = HostKernelPackages;
            var qemu = HostQemu;
            var ovmf = Ovmf;
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

    TargetOutputFolder OutputOf(string target) => new(target, Path.Combine(WorkDirectory, "out", target));

    string QemuPrefix(QemuFlavour flavour) => flavour == QemuFlavour.Kata ? InstallPrefix.Path + "/kata" : InstallPrefix.Path;

    CacheDeclaration QemuCacheInputs(CacheDeclaration cache, string recipe, QemuFlavour flavour) => cache
        .Recipe(recipe)
        .Input("source", () => Fetched(FetchedQemu, "qemu").Identity.Canonical())
        .Input("install-prefix", () => QemuPrefix(flavour))
        .Input("slirp", async context => (await context.Runner.RunAsync(
            new SevStack.Engine.Processes.CommandSpec("pkg-config", "--modversion", "slirp") { IsQuery = true, AllowFailure = true })).StandardOutput.Trim())
        .Tool("gcc", "gcc", "--version").Tool("ld", "ld", "--version").Tool("meson", "meson", "--version").Tool("ninja", "ninja", "--version")
        .Tool("glib", "pkg-config", "--modversion", "glib-2.0").Tool("pixman", "pkg-config", "--modversion", "pixman-1");

    async Task<QemuBuildResult> BuildQemuFlavourAsync(TargetContext context, QemuFlavour flavour, TargetOutputFolder output)
    {
        var source = Fetched(FetchedQemu, "qemu");
        if (!context.IsDryRun)
            output.Reset();
        var ccache = await CcacheMeasurement.StartAsync(context.Runner, CompilerCache, context.CancellationToken);
        var qemu = await new QemuBuilder(context.Runner).BuildAsync(
            new QemuBuildRequest(source.Path, Path.Combine(BuildRoot, "qemu"), flavour, QemuPrefix(flavour))
            {
                Jobs = Jobs, CompilerCache = CompilerCache, StagingDirectory = ComponentResults.QemuStaging(output),
            }, context.CancellationToken);
        context.Note = string.Join("; ", new[] { $"staged under {QemuPrefix(flavour)}", await ccache.DescribeAsync(context.CancellationToken) }.OfType<string>());
        return context.IsDryRun ? qemu : ComponentResults.StoreQemu(output, qemu, context.CacheKey);
    }

    CompilerCache? CompilerCache => Ccache ? new CompilerCache(Path.Combine(CacheDirectory, "ccache"), WorkDirectory) : null;

    /// <summary>What both kernel flavours' outputs depend on besides their own parameters.</summary>
    CacheDeclaration KernelCacheInputs(CacheDeclaration cache, string recipe, Func<FetchedSource?> source, string component) => cache
        .Recipe(recipe)
        .Input("source", () => Fetched(source(), component).Identity.Canonical())
        .Input("config-base", () => KernelConfig.ToString())
        .Input("config-base-file", () => KernelConfigBaseFileHash(KernelConfig.Base))
        .InputFiles("fragments", () => KernelFragments(component))
        .Tool("gcc", "gcc", "--version").Tool("ld", "ld", "--version").Tool("make", "make", "--version");

    IEnumerable<string> KernelFragments(string component)
    {
        var folder = Path.Combine(RootDirectory, "patches", component);
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*.config").Order(StringComparer.Ordinal) : [];
    }

    /// <summary>The content of the base configuration file (running, file:PATH), which the base name alone does not pin.</summary>
    static string KernelConfigBaseFileHash(KernelConfigBase configBase)
    {
        var file = configBase.Kind switch
        {
            KernelConfigBaseKind.Running => "/boot/config-" + File.ReadAllText("/proc/sys/kernel/osrelease").Trim(),
            KernelConfigBaseKind.File => configBase.FilePath,
            _ => null,
        };
        return file is null ? "(none)" : File.Exists(file) ? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))) : "(missing)";
    }

    static FetchedSource Fetched(FetchedSource? source, string component) =>
        source ?? throw new BuildException($"the {component} source was not fetched in this run");

    static DateTimeOffset SourceDate(FetchedSource source) => source.Identity.SourceDate ?? DateTimeOffset.FromUnixTimeSeconds(0);
}
