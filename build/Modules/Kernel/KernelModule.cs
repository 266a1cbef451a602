using System.Text.RegularExpressions;
using SevStack.Components;
using SevStack.Components.Ccache;
using SevStack.Components.Kernel;

namespace SevStack.Build.Modules.Kernel;

/// <summary>The host kernel (.deb packages with the SEV options) and the Kata guest kernel (bzImage, vmlinux).</summary>
sealed partial class KernelModule(IStackSettings settings, SourcesModule sources, ToolchainModule toolchain) : IBuildModule, INeedsBuildPackages
{
    public IEnumerable<BuildComponent> BuildComponents => [BuildComponent.Kernel];
    public bool BuildsInBuildRoot => true;
    BuildRootChoice BuildRoots => toolchain.BuildRootsOf(this);
    public IEnumerable<SourceComponent> SourceComponents => [SourceComponent.Kernel, SourceComponent.GuestKernel];

    [Parameter("Kernel base configuration: distribution (the distribution's own config for the fetched kernel: the host kernel's default), running (/boot/config-$(uname -r), as the seed did: the guest kernel's default), defconfig, tinyconfig (quickest; boots SmokeBoot's VM, not a server) or file:PATH")]
    public KernelConfigSetting? KernelConfig { get; init; }

    [Parameter("lsmod output of the target host (lsmod > FILE there): the host kernel is trimmed to those modules with make localmodconfig, which builds several times faster")]
    public KernelModulesListing? KernelModules { get; init; }

    [Parameter("Build the host kernel with AMD_MEM_ENCRYPT_ACTIVE_BY_DEFAULT: this also turns SME on for the whole host, which some hosts cannot boot with")]
    public bool AmdMemEncryptActiveByDefault { get; init; }

    [Parameter("Kernel options for sev (SEV, SEV-ES) or snp (SEV-SNP: needs a 6.11+ host kernel; the snp profile sets it)")]
    public SevBuildLevel KernelSevLevel { get; init; } = SevBuildLevel.Sev;

    [Parameter("Suffix of the SEV kernel's release and package names (LOCALVERSION)")]
    public KernelReleaseSuffix KernelLocalVersion { get; init; } = KernelReleaseSuffix.Parse("-sev", null);

    public TargetOutput<KernelBuild> HostKernel { get; } = new("KernelBuild");

    readonly DistributionConfigVersions distributionConfigs = new();
    public TargetOutput<GuestKernelBuild> GuestKernel { get; } = new("GuestKernelBuild");

    /// <summary>Without --kernel-config, the host kernel starts from the distribution's config, the guest kernel as it always has.</summary>
    KernelConfigBase HostBase => KernelConfig?.Base ?? KernelConfigBase.Distribution;
    KernelConfigBase GuestBase => KernelConfig?.Base ?? KernelConfigBase.Running;

    TargetOutputFolder HostOutput => settings.OutputOf(nameof(BuildKernel));
    TargetOutputFolder GuestOutput => settings.OutputOf(nameof(BuildGuestKernel));

    public Target BuildKernel => _ => _
        .Description("Configure the host kernel with the SEV options (each verified after olddefconfig) and build its .deb packages")
        .Consumes(sources.KernelTree)
        .DependsOn(toolchain.InstallBuildDeps)
        .Requires(() => KernelSevLevel != SevBuildLevel.Snp || !AmdMemEncryptActiveByDefault,
            "--kernel-sev-level snp without --amd-mem-encrypt-active-by-default: no SNP-capable kernel (6.11+) has that option; boot the host with mem_encrypt=on instead")
        .Requires(() => HostBaseProblem is null, () => HostBaseProblem!)
        .Requires(() => KbuildPathProblem is null, () => KbuildPathProblem!)
        .Produces(HostKernel, () => KernelOutputFolders.ReadHost(HostOutput))
        .Cacheable(c => CacheInputs(c, "kernel-host-7", sources.KernelTree, SourceComponent.Kernel, HostBase)
            .Input("kernel-modules", () => KernelModules is { } listing ? "sha256:" + Engine.Caching.FileHashes.Sha256(listing.Path) : "(all)")
            .Input("maintainer", () => settings.Maintainer.ToString())
            .Input("amd-mem-encrypt-active-by-default", () => AmdMemEncryptActiveByDefault.ToString())
            .Input("local-version", () => KernelLocalVersion.Value)
            .Tool("dpkg-deb")
            .Output(() => HostOutput.Path))
        .Executes(async context =>
        {
            var source = context.Get(sources.KernelTree);
            var configured = await ConfigureAsync(context, source, KernelFlavour.Host, request => request with
            {
                ModulesListing = KernelModules?.Path, MemoryEncryptionActiveByDefault = AmdMemEncryptActiveByDefault,
            });
            if (configured.MissingForBoot.Count > 0)
                context.Log.Warning($"the host kernel's config lacks what a server needs to boot ({string.Join(", ", configured.MissingForBoot.Select(r => r.Name))}); " +
                    "it will not be made the boot default");
            var runner = BuildRoots.Runner(context);
            var ccache = await CcacheMeasurement.StartAsync(runner, toolchain.CompilerCache, context.CancellationToken);
            var packages = await new KernelBuilder(runner).BuildHostPackagesAsync(BuildRequest(source, KernelFlavour.Host) with
            {
                LocalVersion = KernelLocalVersion.Value, MaintainerName = settings.Maintainer.Name, MaintainerEmail = settings.Maintainer.Email,
            }, context.CancellationToken);
            context.Produce(HostKernel, context.IsDryRun ? new KernelBuild(packages, null) : KernelOutputFolders.StoreHost(HostOutput, packages, context.CacheKey));
            context.Note = await ccache.NoteAsync(Path.GetFileName(packages.Image), context.CancellationToken);
        });

    public Target BuildGuestKernel => _ => _
        .Description("Configure the Kata guest kernel with the SEV guest options (PSP/CCP off) and build bzImage and vmlinux")
        .Consumes(sources.GuestKernelTree)
        .DependsOn(toolchain.InstallBuildDeps)
        .Requires(() => GuestBaseProblem is null, () => GuestBaseProblem!)
        .Requires(() => KbuildPathProblem is null, () => KbuildPathProblem!)
        .Produces(GuestKernel, () => KernelOutputFolders.ReadGuest(GuestOutput))
        .Cacheable(c => CacheInputs(c, "kernel-guest-3", sources.GuestKernelTree, SourceComponent.GuestKernel, GuestBase)
            .Output(() => GuestOutput.Path))
        .Executes(async context =>
        {
            var source = context.Get(sources.GuestKernelTree);
            await ConfigureAsync(context, source, KernelFlavour.Guest, request => request);
            var runner = BuildRoots.Runner(context);
            var ccache = await CcacheMeasurement.StartAsync(runner, toolchain.CompilerCache, context.CancellationToken);
            var images = await new KernelBuilder(runner).BuildGuestImagesAsync(BuildRequest(source, KernelFlavour.Guest), context.CancellationToken);
            context.Produce(GuestKernel, context.IsDryRun ? new GuestKernelBuild(images, null) : KernelOutputFolders.StoreGuest(GuestOutput, images, context.CacheKey));
            context.Note = await ccache.NoteAsync(images.KernelRelease, context.CancellationToken);
        });

    /// <summary>Configures a flavour in its object folder: its base, the SEV level, its fragments; <paramref name="adjust"/> adds what only that flavour has.</summary>
    async Task<KernelConfigResult> ConfigureAsync(TargetContext context, FetchedSource source, KernelFlavour flavour, Func<KernelConfigRequest, KernelConfigRequest> adjust)
    {
        var configBase = flavour == KernelFlavour.Host ? HostBase : GuestBase;
        var request = new KernelConfigRequest(source.Path, ObjectDirectory(flavour), flavour, configBase)
        {
            DistributionConfigFile = await KernelConfigBases.DistributionFileAsync(BuildRoots.Runner(context), context, configBase, source, distributionConfigs, ObjectDirectory(flavour) + "-distribution-config"),
            SevLevel = KernelSevLevel,
            FragmentsDirectory = FragmentsDirectory(flavour == KernelFlavour.Host ? SourceComponent.Kernel : SourceComponent.GuestKernel),
            CompilerCache = toolchain.CompilerCache,
        };
        return await new KernelConfigurator(BuildRoots.Runner(context)).ConfigureAsync(adjust(request), context.CancellationToken);
    }

    KernelBuildRequest BuildRequest(FetchedSource source, KernelFlavour flavour) => new(source.Path, ObjectDirectory(flavour), source.SourceDate())
    {
        Jobs = toolchain.Jobs, CompilerCache = toolchain.CompilerCache, PlannedVersion = source.Identity.UpstreamVersion(),
    };

    /// <summary>Kbuild hands its source and output paths to the shell unquoted: a space or "(" there fails deep inside make.</summary>
    string? KbuildPathProblem => KbuildPath().IsMatch(settings.WorkDirectory) ? null
        : $"the kernel is built under {settings.WorkDirectory}, whose path has characters the kernel's make cannot take (it passes its paths to the shell unquoted): "
          + "build from a checkout (or --root) whose path has only letters, digits and / . _ + - @ , = ~ %";

    [GeneratedRegex(@"^[A-Za-z0-9/._+@,=~%-]+$")]
    private static partial Regex KbuildPath();

    string ObjectDirectory(KernelFlavour flavour) => Path.Combine(settings.BuildRoot, flavour == KernelFlavour.Host ? "linux-host" : "linux-guest");

    string FragmentsDirectory(SourceComponent component) => Path.Combine(settings.Run.RootDirectory, "patches", component.Key());

    string? HostBaseProblem => KernelConfigBases.ProblemBeforeRun(HostBase, sources.KernelSource.Value, "--kernel-source");
    string? GuestBaseProblem => KernelConfigBases.ProblemBeforeRun(GuestBase, sources.GuestKernelSource.Value, "--guest-kernel-source");

    /// <summary>
    /// The source's identity comes from the lock, so a hit is looked up before the fetch; the distribution config package
    /// and version join the key (a linux-source tree does not pin them), which needs the fetched tree.
    /// </summary>
    Engine.Caching.CacheDeclaration CacheInputs(Engine.Caching.CacheDeclaration cache, string recipe, TargetOutput<FetchedSource> tree, SourceComponent component, KernelConfigBase configBase) =>
        KernelCacheInputs.Declare(BuildRoots.CacheInput(cache, BuildComponents), recipe, context => sources.KeyIdentity(context, component), configBase, FragmentsDirectory(component))
            .Input("distribution-config", async context => configBase.Kind != KernelConfigBaseKind.Distribution ? "(none)"
                : await KernelConfigBases.DistributionPackageAsync(BuildRoots.Runner(context), context, configBase, context.Get(tree), distributionConfigs) is var (package, version) ? $"{package}={version}" : "(none)")
            .Input("sev-level", () => KernelSevLevel.ToString())
            .LookUpFirst();
}
