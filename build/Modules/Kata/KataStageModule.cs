using SevStack.Kata;
using SevStack.Kata.Staging;
using SevStack.Kata.Release;

namespace SevStack.Build.Modules.Kata;

/// <summary>Kata staged under opt/kata: the official 3.x static release, or for 1.x AMD's SEV runtime fork built with make; packaged as sevstack-kata.</summary>
sealed class KataStageModule(IStackSettings settings, SourcesModule sources, ToolchainModule toolchain, KataModule kata, PackagingModule packaging) : IBuildModule, IPackagedOutput
{
    public OptionalPackage Package => OptionalPackage.Of("kata", Stage, stage => stage.Source.Canonical(), (stage, package) => KataPackage.Spec(stage, package.Maintainer, package.BuildSuffix));

    [Parameter("Kata 1.x only: a mirror of AMD's SEV runtime fork (AMDESE/runtime sev-v1.1.0 is gone), as git+file:///…#<ref>, git+https://…#<ref> or https://…/x.tar.gz#sha256=<hex>")]
    public ComponentSource? KataRuntimeSource { get; init; }

    public TargetOutput<KataStaging> Stage { get; } = new("KataStaging");

    string StagingRoot => Path.Combine(settings.BuildRoot, "kata-staging");

    public Target BuildKata => _ => _
        .Description("Stage Kata under opt/kata: the official 3.x static release (from the GitHub API, sha256-verified, no entry outside /opt/kata), or for 1.x the SEV runtime fork from --kata-runtime-source built with make")
        .OnlyWhenStatic(() => packaging.Debs is null || settings.Run.InvokedTargets.Contains(nameof(BuildKata)), "--debs names the folder of packages to install, so PackageDebs packages no Kata")
        .Produces(Stage)
        .PlanNote(PlanNote)
        .UsesExclusive("apt")
        .Executes(async context =>
        {
            var staged = kata.KataGeneration == KataGeneration.V1 ? await BuildRuntimeForkAsync(context) : await StageReleaseAsync(context);
            if (staged is not null)
                context.Produce(Stage, staged);
            context.Note = staged is null ? "dry run" : $"Kata {staged.Version} in {staged.Root}";
        });

    /// <summary>What --plan says BuildKata stages: the release it looks up, or the 1.x fork's source and its lock entry.</summary>
    string PlanNote() => kata.KataGeneration != KataGeneration.V1
        ? $"kata: the {kata.KataVersion?.Value ?? "latest 3.x"} release from {sources.GithubApiUrl}"
        : KataRuntimeSource is { } fork
            ? sources.PlanNote(SourceComponent.KataRuntime, fork)
            : "cannot be built: " + KataRuntimeFork.MissingSource;

    async Task<KataStaging?> StageReleaseAsync(TargetContext context)
    {
        using var http = new HttpClient();
        var finder = new KataReleaseFinder(context.Log, http, sources.GitHub);
        return await new KataReleaseStager(context.Log, http).StageAsync(finder, kata.KataVersion?.Value, Path.Combine(settings.Run.CacheDirectory, "sources", "downloads"),
            StagingRoot, context.IsDryRun, context.CancellationToken);
    }

    async Task<KataStaging?> BuildRuntimeForkAsync(TargetContext context)
    {
        var source = await sources.FetchAsync(context, SourceComponent.KataRuntime, ComponentSource.Parse(KataRuntimeFork.RequireSource(KataRuntimeSource?.Value), null));
        if (!context.IsDryRun)
            await new BuildDependencyInstaller(context.Runner).InstallMissingAsync(KataRuntimeForkBuilder.RequiredPackages(source.Path), context.CancellationToken);
        return await new KataRuntimeForkBuilder(context.Runner, context.Log).BuildAsync(source, Path.Combine(settings.BuildRoot, "kata-runtime"), StagingRoot, toolchain.Jobs, context.CancellationToken);
    }
}
