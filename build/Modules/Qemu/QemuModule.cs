using SevStack.Launch.Qemu;
using SevStack.Components.Ccache;
using SevStack.Components.Qemu;
using SevStack.Engine.Caching;

namespace SevStack.Build.Modules.Qemu;

/// <summary>QEMU in two flavours from one source: the host's (with the sevstack-launch-qemu launcher) and Kata's hardened one under &lt;install-prefix&gt;/kata.</summary>
sealed class QemuModule(IStackSettings settings, SourcesModule sources, ToolchainModule toolchain) : IBuildModule, INeedsBuildPackages
{
    public IEnumerable<BuildComponent> BuildComponents => [BuildComponent.Qemu, BuildComponent.KataQemu];
    public bool BuildsInBuildRoot => true;
    BuildRootChoice BuildRoots => toolchain.BuildRootsOf(this);
    public IEnumerable<SourceComponent> SourceComponents => [SourceComponent.Qemu];

    public TargetOutput<QemuBuild> HostQemu { get; } = new("QemuBuild");
    public TargetOutput<QemuBuild> KataQemu { get; } = new("KataQemuBuild");

    TargetOutputFolder HostOutput => settings.OutputOf(nameof(BuildQemu));
    TargetOutputFolder KataOutput => settings.OutputOf(nameof(BuildKataQemu));

    public Target BuildQemu => _ => _
        .Description("Configure and build QEMU (x86_64-softmmu) out of tree, stage it with the sevstack-launch-qemu launcher, and verify it offers sev-guest")
        .Consumes(sources.QemuTree)
        .Requires(() => PreMesonRefusal is null, () => PreMesonRefusal!)
        .PlanNote(() => PreMesonRefusal is { } refusal ? "cannot be built: " + refusal : null)
        .DependsOn(toolchain.InstallBuildDeps)
        .Produces(HostQemu, () => QemuOutputFolder.Read(HostOutput))
        .Cacheable(c => CacheInputs(c, "qemu-host-2", QemuFlavour.Host)
            .Input("launcher", () => "sha256:" + FileHashes.Sha256Text(LauncherScript.Render(Prefix(QemuFlavour.Host))))
            .Output(() => HostOutput.Path))
        .Executes(async context =>
        {
            var qemu = await BuildFlavourAsync(context, QemuFlavour.Host, HostOutput);
            if (!context.IsDryRun)
                LauncherScript.Stage(qemu.Result.StagingDirectory, Prefix(QemuFlavour.Host));
            context.Produce(HostQemu, qemu);
        });

    public Target BuildKataQemu => _ => _
        .Description("Build Kata's QEMU flavour (KVM only, no TCG, hardened, virtio-fs/9p) into <install-prefix>/kata, apart from the host QEMU")
        .Consumes(sources.QemuTree)
        .Requires(() => PreMesonRefusal is null, () => PreMesonRefusal!)
        .PlanNote(() => PreMesonRefusal is { } refusal ? "cannot be built: " + refusal : null)
        .DependsOn(toolchain.InstallBuildDeps)
        .Produces(KataQemu, () => QemuOutputFolder.Read(KataOutput))
        .Cacheable(c => CacheInputs(c, "qemu-kata-2", QemuFlavour.Kata).Output(() => KataOutput.Path))
        .Executes(async context => context.Produce(KataQemu, await BuildFlavourAsync(context, QemuFlavour.Kata, KataOutput)));

    /// <summary>A --qemu-source that names a release before meson (e.g. the seed's v3.0.0), refused before anything runs.</summary>
    string? PreMesonRefusal => QemuMesonFloor.RefusalOf(sources.QemuSource.Value);

    /// <summary>Where a flavour installs: the host QEMU at the prefix, Kata's under &lt;prefix&gt;/kata.</summary>
    public string Prefix(QemuFlavour flavour) => flavour == QemuFlavour.Kata ? settings.InstallPrefix.Path + "/kata" : settings.InstallPrefix.Path;

    CacheDeclaration CacheInputs(CacheDeclaration cache, string recipe, QemuFlavour flavour) =>
        QemuCacheInputs.Declare(BuildRoots.CacheInput(cache, BuildComponents), recipe, context => sources.KeyIdentity(context, SourceComponent.Qemu), Prefix(flavour))
            .LookUpFirst();

    async Task<QemuBuild> BuildFlavourAsync(TargetContext context, QemuFlavour flavour, TargetOutputFolder output)
    {
        var source = context.Get(sources.QemuTree);
        if (!context.IsDryRun)
            output.Reset();
        var runner = BuildRoots.Runner(context);
        var ccache = await CcacheMeasurement.StartAsync(runner, toolchain.CompilerCache, context.CancellationToken);
        var qemu = await new QemuBuilder(runner).BuildAsync(
            new QemuBuildRequest(source.Path, Path.Combine(settings.BuildRoot, "qemu"), flavour, Prefix(flavour))
            {
                Jobs = toolchain.Jobs, CompilerCache = toolchain.CompilerCache, StagingDirectory = QemuOutputFolder.Staging(output),
            }, context.CancellationToken);
        context.Note = await ccache.NoteAsync($"staged under {Prefix(flavour)}", context.CancellationToken);
        return context.IsDryRun ? new QemuBuild(qemu, null) : QemuOutputFolder.Store(output, qemu, context.CacheKey);
    }
}
