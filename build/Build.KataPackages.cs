using SevStack.Build.Parameters;
using SevStack.Engine.Parameters;
using SevStack.Engine.Targets;
using SevStack.Kata;
using SevStack.Kata.Packages;

namespace SevStack.Build;

/// <summary>The packaged Kata 1.x components (kata-runtime, kata-proxy, kata-shim) that the seed's kata-manager installed from openSUSE OBS.</summary>
sealed partial class Build
{
    [Parameter("Kata 1.x only: a mirror of a Kata 1.x apt repository of openSUSE OBS (home:katacontainers:releases, gone since 2020), the folder of a flat repository (deb <url> /) with its key at <url>/Release.key")]
    readonly RepositoryAddress? KataAptRepository;

    [Parameter("Kata 1.x only: the fingerprint the key of --kata-apt-repository must have (no published one can be checked offline); required with it")]
    readonly KeyFingerprint? KataAptKeyFingerprint;

    Target InstallKataPackages => _ => _
        .Description("Kata 1.x only: install kata-runtime, kata-proxy and kata-shim (the missing ones) from --kata-apt-repository, its Release.key in /etc/apt/keyrings checked against --kata-apt-key-fingerprint before anything is written, a deb822 source with Signed-By (never apt-key); recorded for UninstallHost, rolled back on failure")
        .After(InstallHost)
        .OnlyWhenStatic(() => KataGeneration == KataGeneration.V1, "--kata-generation is 1; Kata 3.x has no such packages")
        .Requires(() => KataPackageRepository.IsGiven(KataAptRepository?.Text, KataAptKeyFingerprint?.Text), KataPackageRepository.Missing)
        .UsesExclusive("apt", "dpkg", HostStateResource)
        .Executes(async context =>
        {
            var repository = KataPackageRepository.From(KataAptRepository!.Text, KataAptKeyFingerprint!.Text);
            var note = "";
            await HostChangeSession(context).RunAsync(nameof(InstallKataPackages), KataPackagesInstaller.NeedsRootFor, async changes =>
            {
                var outcome = await new KataPackagesInstaller(context.Log).EnsureAsync(repository, changes, context.CancellationToken);
                note = outcome.Note;
                return outcome.Changed;
            }, context.CancellationToken);
            context.Note = note;
        });
}
