using SevStack.Host;
using SevStack.Kata;
using SevStack.Kata.Config;
using SevStack.Kata.Staging;
using SevStack.Docker;
using SevStack.Docker.Smoke;

namespace SevStack.Build.Modules.Docker;

/// <summary>Docker running Kata: Docker installed when missing, the Kata SEV runtime registered (and made the default), and the smoke test that proves it.</summary>
sealed class DockerModule(IStackSettings settings, HostModule host, KataModule kata) : IBuildModule, IUndoneByUninstall
{

    [Parameter("Where ConfigureDocker registers the runtime: daemon-json (merged) or drop-in (the seed's dockerd flags)")]
    public DockerConfigMode DockerConfig { get; init; } = DockerConfigMode.DaemonJson;

    [Parameter("Where ConfigureDocker gets Docker when the root has none: docker-ce (Docker's apt repository, key checked against its published fingerprint), docker-io (the distribution's docker.io; docker.io is accepted too), or none (use the Docker already there)")]
    public DockerPackageSource DockerPackage { get; init; } = DockerPackageSource.DockerCe;

    [Parameter("A mirror of Docker's apt repository for --docker-package docker-ce (default: https://download.docker.com/linux/<ID of os-release>); its gpg key must still be Docker's")]
    public WebAddress? DockerRepository { get; init; }

    [Parameter("Name of the Kata SEV runtime in Docker (the seed used sev-runtime)")]
    public RuntimeName RuntimeName { get; init; } = RuntimeName.Parse("kata-sev", null);

    [Parameter("Make the Kata SEV runtime Docker's default runtime")]
    public bool DefaultRuntime { get; init; } = true;

    [Parameter("Replace a default runtime the user already chose (daemon.json or the docker.service drop-in) with the Kata SEV runtime; without it ConfigureDocker refuses")]
    public bool ReplaceDefaultRuntime { get; init; }

    [Parameter("Image that SmokeTest runs dmesg in: a name Docker pulls when missing, or a local image on a host without registry access")]
    public DockerImage SmokeImage { get; init; } = DockerImage.Parse(SmokeTestSettings.DefaultImage, null);

    [Parameter("Docker endpoint SmokeTest talks to (docker -H, kept through sudo), e.g. unix:///run/docker.sock; default: the docker CLI's own")]
    public DockerEndpoint? DockerHost { get; init; }

    public Target ConfigureDocker => _ => _
        .Description("Install Docker when the root has none (--docker-package), refuse a Docker that would not run Kata 3.x's shim (before 23.0 it ignores runtimeType and runs runc), link containerd-shim-kata-v2 into /usr/local/bin, then register the Kata SEV runtime with our Kata configuration (daemon.json merged in its own formatting, a backup first) and make it the default; recorded for UninstallHost")
        .After(kata.ConfigureKata)
        .Requires(() => kata.OneGuestRootfs, KataModule.OneGuestRootfsText)
        .Requires(() => RefusalBeforeRun() is null, () => RefusalBeforeRun()!)
        .UsesExclusive("apt", "dpkg", HostModule.StateResource)
        .Executes(async context =>
        {
            var runtime = KataRuntime();
            var notes = new List<string>();
            await host.ChangeSession(context).RunAsync(nameof(ConfigureDocker), DockerRuntimeRegistration.NeedsRootFor, async changes =>
            {
                var configure = new DockerRuntimeRegistration(context.Log);
                await configure.RefuseUnsupportedDockerAsync(runtime, DockerPackage, changes, context.CancellationToken);
                var installer = new DockerInstaller(context.Log);
                var installed = await installer.EnsureAsync(DockerPackage, changes, DockerRepository?.Value, cancellationToken: context.CancellationToken);
                notes.Add(installed.Note);
                bool registered;
                try
                {
                    registered = await configure.RegisterAsync(runtime, DockerConfig, DefaultRuntimeChoices.From(DefaultRuntime, ReplaceDefaultRuntime), changes,
                        kata.KataInstalledFirstInThisRun, context.CancellationToken);
                }
                catch
                {
                    await installer.UndoAsync(installed, changes);
                    throw;
                }
                notes.Add(registered ? (DockerConfig == DockerConfigMode.DaemonJson ? DaemonJson.Path : DockerdDropIn.Path) : "runtime unchanged");
                return installed.Changed || registered;
            }, context.CancellationToken);
            context.Note = string.Join("; ", notes);
        });

    public Target SmokeTest => _ => _
        .Description("Run dmesg of --smoke-image (busybox) under the Kata SEV runtime (docker run --rm --runtime <name>) and fail unless the guest kernel says SEV is active; needs an SEV host")
        .After(kata.ConfigureKata, ConfigureDocker)
        .Requires(() => SmokeTestSettings.Refusal() is null, () => SmokeTestSettings.Refusal()!)
        .Executes(async context =>
        {
            var findings = await new KataSmokeTest(context.Runner, context.Log).RunAsync(SmokeTestSettings, context.CancellationToken);
            context.Note = findings is null ? "dry run" : SmokeTestVerdict.Describe(findings);
        });

    SmokeTestSettings SmokeTestSettings => new(RuntimeName.Value, SmokeImage.Value, DockerHost?.Value);

    /// <summary>The runtime entry: 1.x's kata-runtime or 3.x's shim v2, naming the Kata configuration ConfigureKata writes.</summary>
    DockerRuntime KataRuntime() => kata.KataGeneration == KataGeneration.V1
        ? DockerRuntime.SeedV1(RuntimeName.Value, KataStaging.Prefix + "/bin/kata-runtime", kata.ConfigurationPath)
        : DockerRuntime.ShimV2(RuntimeName.Value, kata.ConfigurationPath);

    /// <summary>Before anything runs: a Docker already in the root's dpkg database that would ignore our runtime entry.</summary>
    string? RefusalBeforeRun() => kata.OneGuestRootfs
        ? DockerRuntimeSupport.Refusal(kata.KataGeneration, RuntimeName.Value, DockerVersion.FromDpkgStatus(settings.TargetRoot), settings.TargetRoot, unknownIsRefusal: false)
        : null;

    /// <summary>UninstallHost put daemon.json or the dockerd drop-in back: dockerd reads it again.</summary>
    public async Task AfterUninstallAsync(HostChangeRecord? before, TargetContext context)
    {
        var recorded = before is null ? [] : before.CreatedFiles.Concat(before.ChangedFiles.Select(f => f.Path))
            .Where(path => path is DaemonJson.Path or DockerdDropIn.Path).ToList();
        if (recorded.Count > 0)
            await new DockerService(context.Runner, context.Log).ApplyAsync(
                recorded.Contains(DockerdDropIn.Path) ? DockerConfigMode.DropIn : DockerConfigMode.DaemonJson, settings.TargetRoot, context.CancellationToken);
    }
}
