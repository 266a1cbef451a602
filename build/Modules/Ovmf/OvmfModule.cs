using SevStack.Components;
using SevStack.Components.Ovmf;
using Variant = SevStack.Components.Ovmf.OvmfVariant;

namespace SevStack.Build.Modules.Ovmf;

/// <summary>OVMF built from edk2 for one or more platforms from the same tree, each image's footer checked.</summary>
sealed class OvmfModule(IStackSettings settings, SourcesModule sources, ToolchainModule toolchain) : IBuildModule, INeedsBuildPackages
{
    public IEnumerable<BuildComponent> BuildComponents => BuildsAmdSev ? [BuildComponent.Ovmf, BuildComponent.OvmfAmdSev] : [BuildComponent.Ovmf];
    public bool BuildsInBuildRoot => true;
    BuildRootChoice BuildRoots => toolchain.BuildRootsOf(this);
    public IEnumerable<SourceComponent> SourceComponents => [SourceComponent.Ovmf];

    [Parameter("OVMF platforms, the first packaged at the top of share/sevstack-ovmf and the others in a folder of their name: host (OvmfPkgIa32X64, SMM and Secure Boot), kata (OvmfPkgX64) or amd-sev (OvmfPkg/AmdSev/AmdSevX64)")]
    public Variant[] OvmfVariant { get; init; } = [Variant.Kata];

    [Parameter("OVMF build type: release or debug")]
    public OvmfBuildType OvmfBuildType { get; init; } = OvmfBuildType.Release;

    [Parameter("amd-sev: GRUB's x86_64-efi module folder its embedded GRUB is made from (it must hold sevstack's sevsecret.mod unless --ovmf-sevsecret omitted)")]
    public AbsolutePath OvmfGrubModules { get; init; } = AbsolutePath.Parse(AmdSevGrub.DebianModuleDirectory, null);

    [Parameter("amd-sev: required (the seed's AmdSev, whose GRUB opens the disk with the injected secret) or omitted (Debian's GRUB has no sevsecret module: GRUB asks for the disk password)")]
    public SevSecretModule OvmfSevsecret { get; init; } = SevSecretModule.Required;

    [Parameter("OVMF images checked for sev, or for snp: each must also carry the SEV-SNP metadata and reset block QEMU launches an SNP guest with (the snp profile sets it)")]
    public SevBuildLevel OvmfSevLevel { get; init; } = SevBuildLevel.Sev;

    public TargetOutput<OvmfBuild> Firmware { get; } = new("OvmfBuild");

    TargetOutputFolder Output => settings.OutputOf(nameof(BuildOvmf));

    bool BuildsAmdSev => OvmfVariant.Contains(Variant.AmdSev);

    public Target BuildOvmf => _ => _
        .Description("Build OVMF with edk2's BaseTools for the chosen platforms and check each image's footer")
        .Consumes(sources.OvmfTree)
        .DependsOn(toolchain.InstallBuildDeps)
        .Requires(() => OvmfVariant.Length > 0 && OvmfVariant.Distinct().Count() == OvmfVariant.Length, "--ovmf-variant to name each platform once")
        .Requires(() => !BuildsAmdSev || OvmfSevsecret == SevSecretModule.Omitted || File.Exists(Path.Combine(OvmfGrubModules.Value, AmdSevGrub.SecretModule + ".mod")),
            $"--ovmf-variant amd-sev builds the seed's AmdSev, whose GRUB needs {AmdSevGrub.SecretModule}.mod, and {OvmfGrubModules.Value} has none (no Debian GRUB has it): " +
            "give a GRUB built with the SEV secret patches with --ovmf-grub-modules DIR, or build it without with --ovmf-sevsecret omitted (its GRUB asks for the disk password)")
        .Produces(Firmware, () => OvmfOutputFolder.Read(Output))
        .Cacheable(c => BuildRoots.CacheInput(c, BuildComponents)
            .Recipe("ovmf-2")
            .Input("source", context => Task.FromResult<string?>(sources.KeyIdentity(context, SourceComponent.Ovmf))).LookUpFirst()
            .Input("variant", () => string.Join(",", OvmfVariant))
            .Input("build-type", () => OvmfBuildType.ToString())
            .Input("sev-level", () => OvmfSevLevel.ToString())
            .Input("amd-sev-grub", () => BuildsAmdSev ? $"{OvmfSevsecret} {OvmfGrubModules.Value}" : null)
            .Tool("gcc").Tool("nasm").Tool("python3")
            .Output(() => Output.Path))
        .Executes(async context =>
        {
            var source = context.Get(sources.OvmfTree);
            var built = await new OvmfBuilder(BuildRoots.Runner(context), context.Log).BuildAllAsync(new OvmfBuildRequest(source.Path, OvmfVariant)
            {
                FileRoot = BuildRoots.Root(context)?.Directory ?? "", BuildType = OvmfBuildType, Jobs = toolchain.Jobs, GrubModuleDirectory = OvmfGrubModules.Value, SecretModule = OvmfSevsecret, SevLevel = OvmfSevLevel,
            }, context.CancellationToken);
            context.Produce(Firmware, context.IsDryRun ? new OvmfBuild(built, null) : OvmfOutputFolder.Store(Output, built, context.CacheKey));
            context.Note = string.Join(", ", built.Select(variant => $"{variant.Variant}: {Path.GetFileName(variant.Combined)}"));
        });
}
