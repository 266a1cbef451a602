using SevStack.Components.BuildDeps;
using SevStack.Components.Ccache;
using SevStack.Components.Kernel;
using SevStack.Sources;

namespace SevStack.Build.Modules.Kernel;

/// <summary>The host kernel (.deb packages with the SEV options) and the Kata guest kernel (bzImage, vmlinux).</summary>
sealed class KernelModule(IStackSettings settings, SourcesModule sources, ToolchainModule toolchain) : IBuildModule, INeedsBuildPackages
{
    public IEnumerable<BuildComponent> BuildComponents => [BuildComponent.Kernel];

    [Parameter("Kernel base configuration: running (/boot/config-$(uname -r), as the seed did), defconfig, tinyconfig (quickest) or file:PATH")]
    public KernelConfigSetting KernelConfig { get; init; } = KernelConfigSetting.Parse("running", null);

    [Parameter("Build the host kernel with AMD_MEM_ENCRYPT_ACTIVE_BY_DEFAULT: this also turns SME on for the whole host, which some hosts cannot boot with")]
    public bool AmdMemEncryptActiveByDefault { get; init; }

    [Parameter("Suffix of the SEV kernel's release and package names (LOCALVERSION)")]
    public KernelReleaseSuffix KernelLocalVersion { get; init; } = KernelReleaseSuffix.Parse("-sev", null);

    public TargetOutput<KernelBuild> HostKernel { get; } = new("KernelBuild");
    public TargetOutput<GuestKernelBuild> GuestKernel { get; } = new("GuestKernelBuild");

    TargetOutputFolder HostOutput => settings.OutputOf(nameof(BuildKernel));
    TargetOutputFolder GuestOutput => settings.OutputOf(nameof(BuildGuestKernel));

    public Target BuildKernel => _ => _
        .Description("Configure the host kernel with the SEV options (each verified after olddefconfig) and build its .deb packages")
        .Consumes(sources.KernelTree)
        .DependsOn(toolchain.InstallBuildDeps)
        .Produces(HostKernel, () => KernelOutputFolders.ReadHost(HostOutput))
        .Cacheable(c => CacheInputs(c, "kernel-host-6", SourceComponent.Kernel)
            .Input("maintainer", () => settings.Maintainer.ToString())
            .Input("amd-mem-encrypt-active-by-default", () => AmdMemEncryptActiveByDefault.ToString())
            .Input("local-version", () => KernelLocalVersion.Value)
            .Tool("dpkg-deb", "dpkg-deb", "--version")
            .Output(() => HostOutput.Path))
        .Executes(async context =>
        {
            var source = context.Get(sources.KernelTree);
            var objects = Path.Combine(settings.BuildRoot, "linux-host");
            await new KernelConfigurator(context.Runner).ConfigureAsync(
                new KernelConfigRequest(source.Path, objects, KernelFlavour.Host, KernelConfig.Base)
                {
                    MemoryEncryptionActiveByDefault = AmdMemEncryptActiveByDefault,
                    FragmentsDirectory = FragmentsDirectory(SourceComponent.Kernel),
                    CompilerCache = toolchain.CompilerCache,
                }, context.CancellationToken);
            var ccache = await CcacheMeasurement.StartAsync(context.Runner, toolchain.CompilerCache, context.CancellationToken);
            var packages = await new KernelBuilder(context.Runner).BuildHostPackagesAsync(
                new KernelBuildRequest(source.Path, objects, source.SourceDate())
                {
                    Jobs = toolchain.Jobs, LocalVersion = KernelLocalVersion.Value, CompilerCache = toolchain.CompilerCache,
                    MaintainerName = settings.Maintainer.Name, MaintainerEmail = settings.Maintainer.Email,
                    PlannedVersion = source.Identity.UpstreamVersion(),
                },
                context.CancellationToken);
            context.Produce(HostKernel, context.IsDryRun ? new KernelBuild(packages, null) : KernelOutputFolders.StoreHost(HostOutput, packages, context.CacheKey));
            context.Note = string.Join("; ", new[] { Path.GetFileName(packages.Image), await ccache.DescribeAsync() }.OfType<string>());
        });

    public Target BuildGuestKernel => _ => _
        .Description("Configure the Kata guest kernel with the SEV guest options (PSP/CCP off) and build bzImage and vmlinux")
        .Consumes(sources.GuestKernelTree)
        .DependsOn(toolchain.InstallBuildDeps)
        .Produces(GuestKernel, () => KernelOutputFolders.ReadGuest(GuestOutput))
        .Cacheable(c => CacheInputs(c, "kernel-guest-3", SourceComponent.GuestKernel)
            .Output(() => GuestOutput.Path))
        .Executes(async context =>
        {
            var source = context.Get(sources.GuestKernelTree);
            var objects = Path.Combine(settings.BuildRoot, "linux-guest");
            await new KernelConfigurator(context.Runner).ConfigureAsync(
                new KernelConfigRequest(source.Path, objects, KernelFlavour.Guest, KernelConfig.Base)
                {
                    FragmentsDirectory = FragmentsDirectory(SourceComponent.GuestKernel),
                    CompilerCache = toolchain.CompilerCache,
                }, context.CancellationToken);
            var ccache = await CcacheMeasurement.StartAsync(context.Runner, toolchain.CompilerCache, context.CancellationToken);
            var images = await new KernelBuilder(context.Runner).BuildGuestImagesAsync(
                new KernelBuildRequest(source.Path, objects, source.SourceDate())
                {
                    Jobs = toolchain.Jobs, CompilerCache = toolchain.CompilerCache, PlannedVersion = source.Identity.UpstreamVersion(),
                }, context.CancellationToken);
            context.Produce(GuestKernel, context.IsDryRun ? new GuestKernelBuild(images, null) : KernelOutputFolders.StoreGuest(GuestOutput, images, context.CacheKey));
            context.Note = string.Join("; ", new[] { images.KernelRelease, await ccache.DescribeAsync() }.OfType<string>());
        });

    string FragmentsDirectory(SourceComponent component) => Path.Combine(settings.Run.RootDirectory, "patches", component.Key());

    Engine.Caching.CacheDeclaration CacheInputs(Engine.Caching.CacheDeclaration cache, string recipe, SourceComponent component) =>
        KernelCacheInputs.Declare(cache, recipe, context => sources.KeyIdentity(context, component), KernelConfig.Base, FragmentsDirectory(component)).LookUpFirst();
}
