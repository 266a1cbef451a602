using SevStack.Build.Parameters;
using SevStack.Components.BuildDeps;
using SevStack.Engine.Parameters;
using SevStack.Engine.Targets;
using SevStack.Kata;
using SevStack.Kata.Staging;
using SevStack.Kata.Release;
using SevStack.Docker.Smoke;
using SevStack.Packaging.Inputs;

namespace SevStack.Build;

sealed partial class Build
{
    [Parameter("Kata 1.x only: a mirror of AMD's SEV runtime fork (AMDESE/runtime sev-v1.1.0 is gone), as git+file:///…#<ref>, git+https://…#<ref> or https://…/x.tar.gz#sha256=<hex>")]
    readonly ComponentSource? KataRuntimeSource;

    [Parameter("Image that SmokeTest runs dmesg in: a name Docker pulls when missing, or a local image on a host without registry access")]
    readonly DockerImage SmokeImage = DockerImage.Parse(SmokeTestSettings.DefaultImage, null);

    [Parameter("Docker endpoint SmokeTest talks to (docker -H, kept through sudo), e.g. unix:///run/docker.sock; default: the docker CLI's own")]
    readonly DockerEndpoint? DockerHost;

    /// <summary>BuildKata's staged tree; PackageDebs packages Kata only when this run produced one.</summary>
    KataStaging? KataStaging;

    string KataStagingRoot => Path.Combine(BuildRoot, "kata-staging");

    Target BuildKata => _ => _
        .Description("Stage Kata under opt/kata: the official 3.x static release (from the GitHub API, sha256-verified, no entry outside /opt/kata), or for 1.x the SEV runtime fork from --kata-runtime-source built with make")
        .Before(PackageDebs)
        .OnlyWhenStatic(() => Debs is null || InvokedTargets.Contains(nameof(BuildKata)), "--debs names the folder of packages to install, so PackageDebs packages no Kata")
        .UsesExclusive("apt")
        .Executes(async context =>
        {
            KataStaging = KataGeneration == KataGeneration.V1 ? await BuildKataRuntimeForkAsync(context) : await StageKataReleaseAsync(context);
            context.Note = KataStaging is null ? "dry run" : $"Kata {KataStaging.Version} in {KataStaging.Root}";
        });

    Target SmokeTest => _ => _
        .Description("Run dmesg of --smoke-image (busybox) under the Kata SEV runtime (docker run --rm --runtime <name>) and fail unless the guest kernel says SEV is active; needs an SEV host")
        .After(ConfigureKata, ConfigureDocker)
        .Requires(() => SmokeTestSettings.Refusal() is null, SmokeTestSettings.Refusal() ?? "")
        .Executes(async context =>
        {
            var findings = await new KataSmokeTest(context.Runner, context.Log).RunAsync(SmokeTestSettings, context.CancellationToken);
            context.Note = findings is null ? "dry run" : SmokeTestVerdict.Describe(findings);
        });

    SmokeTestSettings SmokeTestSettings => new(RuntimeName.Value, SmokeImage.Value, DockerHost?.Value);

    async Task<KataStaging?> StageKataReleaseAsync(TargetContext context)
    {
        using var http = new HttpClient();
        var finder = new KataReleaseFinder(context.Log, http, GitHub);
        return await new KataReleaseStager(context.Log, http).StageAsync(finder, KataVersion?.Text, Path.Combine(CacheDirectory, "sources", "downloads"),
            KataStagingRoot, context.IsDryRun, context.CancellationToken);
    }

    async Task<KataStaging?> BuildKataRuntimeForkAsync(TargetContext context)
    {
        var source = await FetchAsync(context, "kata-runtime", ComponentSource.Parse(KataRuntimeFork.RequireSource(KataRuntimeSource?.Text), null));
        if (!context.IsDryRun)
            await new BuildDependencyInstaller(context.Runner).InstallMissingAsync(KataRuntimeForkBuilder.RequiredPackages(source.Path), context.CancellationToken);
        return await new KataRuntimeForkBuilder(context.Runner, context.Log).BuildAsync(source, Path.Combine(BuildRoot, "kata-runtime"), KataStagingRoot, Jobs, context.CancellationToken);
    }

    /// <summary>PackageDebs' hook: the sevstack-kata package when BuildKata ran in this plan, nothing otherwise.</summary>
    IEnumerable<DebPackageSpec> KataPackages() => KataStaging is null ? [] : [KataPackage.Spec(KataStaging, Maintainer.ToString(), BuildSuffix.Value)];
}
