using SevStack.Build.Modules.Sources;
using SevStack.Build.Modules.Toolchain;
using SevStack.Components.BuildDeps;
using SevStack.Components.Ovmf;
using SevStack.Engine.Hosting;
using SevStack.Engine.Parameters;
using SevStack.Engine.Targets;

namespace SevStack.Build.Modules.Ovmf;

/// <summary>OVMF built from edk2 for the chosen platform, its images checked.</summary>
sealed class OvmfModule : IBuildModule
{
    readonly IStackSettings settings;
    readonly SourcesModule sources;
    readonly ToolchainModule toolchain;

    public OvmfModule(IStackSettings settings, SourcesModule sources, ToolchainModule toolchain)
    {
        (this.settings, this.sources, this.toolchain) = (settings, sources, toolchain);
        toolchain.Needs(() => OvmfVariant == OvmfVariant.AmdSev ? [BuildComponent.Ovmf, BuildComponent.OvmfAmdSev] : [BuildComponent.Ovmf]);
    }

    [Parameter("OVMF platform: host (OvmfPkgIa32X64, SMM and Secure Boot), kata (OvmfPkgX64) or amd-sev (OvmfPkg/AmdSev/AmdSevX64)")]
    public OvmfVariant OvmfVariant { get; init; } = OvmfVariant.Kata;

    [Parameter("OVMF build type: release or debug")]
    public OvmfBuildType OvmfBuildType { get; init; } = OvmfBuildType.Release;

    public TargetOutput<OvmfBuild> Firmware { get; } = new("OvmfBuild");

    TargetOutputFolder Output => settings.OutputOf(nameof(BuildOvmf));

    public Target BuildOvmf => _ => _
        .Description("Build OVMF with edk2's BaseTools for the chosen platform and check its firmware images")
        .Consumes(sources.OvmfTree)
        .DependsOn(toolchain.InstallBuildDeps)
        .Produces(Firmware, () => OvmfOutputFolder.Read(Output))
        .Cacheable(c => c
            .Recipe("ovmf-1")
            .Input("source", context => Task.FromResult<string?>(context.Get(sources.OvmfTree).Identity.Canonical()))
            .Input("variant", () => OvmfVariant.ToString())
            .Input("build-type", () => OvmfBuildType.ToString())
            .Tool("gcc", "gcc", "--version").Tool("nasm", "nasm", "-v").Tool("python3", "python3", "--version")
            .Output(() => Output.Path))
        .Executes(async context =>
        {
            var source = context.Get(sources.OvmfTree);
            var ovmf = await new OvmfBuilder(context.Runner).BuildAsync(
                new OvmfBuildRequest(source.Path, OvmfVariant) { BuildType = OvmfBuildType, Jobs = toolchain.Jobs }, context.CancellationToken);
            context.Produce(Firmware, context.IsDryRun ? new OvmfBuild(ovmf, null) : OvmfOutputFolder.Store(Output, ovmf, context.CacheKey));
            context.Note = Path.GetFileName(ovmf.Combined);
        });
}
