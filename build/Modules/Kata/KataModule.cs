using SevStack.Toolkit;
using SevStack.Kata;
using SevStack.Kata.Config;
using SevStack.Kata.Packages;

namespace SevStack.Build.Modules.Kata;

/// <summary>Kata's configuration for SEV (and, for Kata 1.x, its packages from an OBS mirror), pointed at our builds where they are installed.</summary>
sealed class KataModule(IStackSettings settings, HostModule host) : IBuildModule
{
    [Parameter("Kata generation: 1 (the seed's 1.x packages and SEV runtime fork) or 3 (the official static release)")]
    public KataGeneration KataGeneration { get; init; } = KataGeneration.V3;

    [Parameter("Kata release that BuildKata downloads (default: the latest) and ConfigureKata configures for, e.g. 3.18.0 (plain SEV needs 3.18 or older)")]
    public ReleaseVersion? KataVersion { get; init; }

    [Parameter("Memory encryption for Kata guests: sev, snp, or unchanged")]
    public ConfidentialMode KataConfidential { get; init; } = ConfidentialMode.Sev;

    [Parameter("Where ConfigureKata writes: dedicated (/etc/kata-containers/configuration-sevstack.toml, which only our Docker runtime reads), full-file (/etc/kata-containers/configuration.toml, read by every Kata runtime) or drop-in (config.d beside the packaged file, Kata 3.x)")]
    public KataConfigOutput KataConfigOutput { get; init; } = KataConfigOutput.Dedicated;

    [Parameter("SWIOTLB slabs for the guest kernel (swiotlb=N in kernel_params; the seed's FAQ suggests 262144)")]
    [ValueRange(1, 16_777_216)]
    public int? Swiotlb { get; init; }

    [Parameter("Guest block device driver: virtio-scsi (rewrites root=/dev/vda1 to /dev/sda1), virtio-blk or nvdimm")]
    public BlockDeviceDriver? BlockDeviceDriver { get; init; }

    [Parameter("Turn on Kata's debug switches and agent debug logging")]
    public bool KataDebug { get; init; }

    [Parameter("Hypervisor (QEMU) binary for Kata guests (default: sevstack-kata-qemu's <install-prefix>/kata/bin/qemu-system-x86_64 when installed, else Kata's own)")]
    public AbsolutePath? KataHypervisor { get; init; }

    [Parameter("Guest kernel for Kata guests (default: sevstack-kata-kernel's vmlinuz under <install-prefix>/kata/share/kata-containers when installed, else Kata's own)")]
    public AbsolutePath? KataKernel { get; init; }

    [Parameter("Guest root filesystem image for Kata (exclusive with --kata-initrd)")]
    public AbsolutePath? KataImage { get; init; }

    [Parameter("Guest initrd for Kata (exclusive with --kata-image)")]
    public AbsolutePath? KataInitrd { get; init; }

    [Parameter("OVMF firmware for Kata guests (default: sevstack-ovmf's AmdSevX64 image <install-prefix>/share/sevstack-ovmf/amd-sev/OVMF.fd, else its OVMF.fd, when installed, else Kata's own)")]
    public AbsolutePath? KataFirmware { get; init; }

    [Parameter("Kata 1.x only: a mirror of a Kata 1.x apt repository of openSUSE OBS (home:katacontainers:releases, gone since 2020), the folder of a flat repository (deb <url> /) with its key at <url>/Release.key")]
    public RepositoryAddress? KataAptRepository { get; init; }

    [Parameter("Kata 1.x only: the fingerprint the key of --kata-apt-repository must have (no published one can be checked offline); required with it")]
    public KeyFingerprint? KataAptKeyFingerprint { get; init; }

    public Target ConfigureKata => _ => _
        .Description("Write Kata's configuration for SEV from its packaged defaults, editing the TOML document (comments and order kept), pointing Kata at our sevstack-kata-qemu, sevstack-kata-kernel and sevstack-ovmf where they are installed; recorded for UninstallHost")
        .After(host.InstallHost, InstallKataPackages)
        .Requires(() => OneGuestRootfs, OneGuestRootfsText)
        .UsesExclusive(HostModule.StateResource)
        .Executes(async context =>
        {
            var given = Settings();
            var ours = SevStackKataComponents.Find(settings.TargetRoot, settings.InstallPrefix.Path);
            foreach (var line in ours.Describe(given))
                context.Log.Info("our build: " + line);
            var filled = ours.Fill(given);
            var layout = KataConfigLayout.For(filled, KataConfigOutput);
            if (context.IsDryRun && KataInstalledFirstInThisRun && !File.Exists(settings.TargetRoot.Map(layout.Source)))
            {
                context.Log.Info($"would write {layout.Target} from Kata's packaged {layout.Source}, which InstallHost installs first in this run: "
                    + "a dry run installs nothing, so the edit and its checks wait for the real run");
                context.Note = "planned: Kata is installed first";
                return;
            }
            var changed = await host.ChangeSession(context).RunAsync(nameof(ConfigureKata), KataConfigWriter.NeedsRootFor,
                changes => new KataConfigWriter(context.Log).ApplyAsync(filled, layout, changes, context.CancellationToken), context.CancellationToken);
            context.Note = changed ? layout.Target : "unchanged";
        });

    public Target InstallKataPackages => _ => _
        .Description("Kata 1.x only: install kata-runtime, kata-proxy and kata-shim (the missing ones) from --kata-apt-repository, its Release.key in /etc/apt/keyrings checked against --kata-apt-key-fingerprint before anything is written, a deb822 source with Signed-By (never apt-key); recorded for UninstallHost, rolled back on failure")
        .After(host.InstallHost)
        .OnlyWhenStatic(() => KataGeneration == KataGeneration.V1, "--kata-generation is 1; Kata 3.x has no such packages")
        .Requires(() => KataPackageRepository.IsGiven(KataAptRepository?.Value, KataAptKeyFingerprint?.Value), KataPackageRepository.Missing)
        .UsesExclusive("apt", "dpkg", HostModule.StateResource)
        .Executes(async context =>
        {
            var repository = KataPackageRepository.From(KataAptRepository!.Value, KataAptKeyFingerprint!.Value);
            var note = "";
            await host.ChangeSession(context).RunAsync(nameof(InstallKataPackages), KataPackagesInstaller.NeedsRootFor, async changes =>
            {
                var outcome = await new KataPackagesInstaller(context.Log).EnsureAsync(repository, changes, context.CancellationToken);
                note = outcome.Note;
                return outcome.Changed;
            }, context.CancellationToken);
            context.Note = note;
        });

    /// <summary>InstallHost runs before ConfigureKata and installs Kata: staged by BuildKata, or from --debs.</summary>
    public bool KataInstalledFirstInThisRun => settings.Run.ScheduledTargets.Contains(nameof(HostModule.InstallHost))
        && (settings.Run.ScheduledTargets.Contains(nameof(KataStageModule.BuildKata)) || host.InstallsFromDebsFolder);

    /// <summary>The configuration Kata's runtime reads for our Docker runtime entry.</summary>
    public string? ConfigurationPath => KataConfigLayout.For(Settings(), KataConfigOutput).SelectedByRuntime;

    public bool OneGuestRootfs => KataImage is null || KataInitrd is null;

    public const string OneGuestRootfsText = "--kata-image and --kata-initrd are both given: Kata boots from exactly one of them, drop one";

    KataSettings Settings() => new()
    {
        Generation = KataGeneration,
        KataVersion = KataVersion?.Version,
        Confidential = KataConfidential,
        HypervisorPath = KataHypervisor?.Value,
        Kernel = KataKernel?.Value,
        Rootfs = (KataImage, KataInitrd) switch
        {
            ({ } image, null) => GuestRootfs.Image(image.Value),
            (null, { } initrd) => GuestRootfs.Initrd(initrd.Value),
            (null, null) => null,
            _ => throw new BuildException(OneGuestRootfsText),
        },
        Firmware = KataFirmware?.Value,
        BlockDeviceDriver = BlockDeviceDriver is { } driver ? ParameterValues.Format(driver) : null,
        Swiotlb = Swiotlb,
        EnableDebug = KataDebug ? true : null,
    };
}
