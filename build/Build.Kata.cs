using SevStack.Build.Parameters;
using SevStack.Engine;
using SevStack.Engine.Parameters;
using SevStack.Engine.Targets;
using SevStack.Host;
using SevStack.Kata;
using SevStack.Kata.Config;
using SevStack.Docker;

namespace SevStack.Build;

sealed partial class Build
{
    [Parameter("Install into this root filesystem (a debootstrapped tree or an image) instead of this machine; nothing outside it is touched")]
    readonly string Sysroot = "/";

    [Parameter("Kata generation: 1 (the seed's 1.x packages and SEV runtime fork) or 3 (the official static release)")]
    readonly KataGeneration KataGeneration = KataGeneration.V3;

    [Parameter("Kata release that BuildKata downloads (default: the latest) and ConfigureKata configures for, e.g. 3.18.0 (plain SEV needs 3.18 or older)")]
    readonly ReleaseVersion? KataVersion;

    [Parameter("Memory encryption for Kata guests: sev, snp, or unchanged")]
    readonly ConfidentialMode KataConfidential = ConfidentialMode.Sev;

    [Parameter("Where ConfigureKata writes: dedicated (/etc/kata-containers/configuration-sevstack.toml, which only our Docker runtime reads), full-file (/etc/kata-containers/configuration.toml, read by every Kata runtime) or drop-in (config.d beside the packaged file, Kata 3.x)")]
    readonly KataConfigOutput KataConfigOutput = KataConfigOutput.Dedicated;

    [Parameter("SWIOTLB slabs for the guest kernel (swiotlb=N in kernel_params; the seed's FAQ suggests 262144)")]
    [ValueRange(1, 16_777_216)]
    readonly int? Swiotlb;

    [Parameter("Guest block device driver: virtio-scsi (rewrites root=/dev/vda1 to /dev/sda1), virtio-blk or nvdimm")]
    readonly BlockDeviceDriver? BlockDeviceDriver;

    [Parameter("Turn on Kata's debug switches and agent debug logging")]
    readonly bool KataDebug;

    [Parameter("Hypervisor (QEMU) binary for Kata guests (default: sevstack-kata-qemu's <install-prefix>/kata/bin/qemu-system-x86_64 when installed, else Kata's own)")]
    readonly AbsolutePath? KataHypervisor;

    [Parameter("Guest kernel for Kata guests (default: sevstack-kata-kernel's vmlinuz under <install-prefix>/kata/share/kata-containers when installed, else Kata's own)")]
    readonly AbsolutePath? KataKernel;

    [Parameter("Guest root filesystem image for Kata (exclusive with --kata-initrd)")]
    readonly AbsolutePath? KataImage;

    [Parameter("Guest initrd for Kata (exclusive with --kata-image)")]
    readonly AbsolutePath? KataInitrd;

    [Parameter("OVMF firmware for Kata guests (default: sevstack-ovmf's AMDSEV.fd or OVMF.fd under <install-prefix>/share/sevstack-ovmf when installed, else Kata's own)")]
    readonly AbsolutePath? KataFirmware;

    [Parameter("Where ConfigureDocker registers the runtime: daemon-json (merged) or drop-in (the seed's dockerd flags)")]
    readonly DockerConfigMode DockerConfig = DockerConfigMode.DaemonJson;

    [Parameter("Where ConfigureDocker gets Docker when the root has none: docker-ce (Docker's apt repository, key checked against its published fingerprint), docker-io (the distribution's docker.io; docker.io is accepted too), or none (use the Docker already there)")]
    readonly DockerPackageSource DockerPackage = DockerPackageSource.DockerCe;

    [Parameter("A mirror of Docker's apt repository for --docker-package docker-ce (default: https://download.docker.com/linux/<ID of os-release>); its gpg key must still be Docker's")]
    readonly WebAddress? DockerRepository;

    [Parameter("Name of the Kata SEV runtime in Docker (the seed used sev-runtime)")]
    readonly RuntimeName RuntimeName = RuntimeName.Parse("kata-sev", null);

    [Parameter("Make the Kata SEV runtime Docker's default runtime")]
    readonly bool DefaultRuntime = true;

    [Parameter("Replace a default runtime the user already chose (daemon.json or the docker.service drop-in) with the Kata SEV runtime; without it ConfigureDocker refuses")]
    readonly bool ReplaceDefaultRuntime;

    Target ConfigureKata => _ => _
        .Description("Write Kata's configuration for SEV from its packaged defaults, editing the TOML document (comments and order kept), pointing Kata at our sevstack-kata-qemu, sevstack-kata-kernel and sevstack-ovmf where they are installed; recorded for UninstallHost")
        .After(InstallHost, InstallKataPackages)
        .UsesExclusive(HostStateResource)
        .Executes(async context =>
        {
            var given = KataSettingsFromParameters();
            var ours = SevStackKataComponents.Find(TargetRoot, InstallPrefix.Path);
            foreach (var line in ours.Describe(given))
                context.Log.Info("our build: " + line);
            var settings = ours.Fill(given);
            var layout = KataConfigLayout.For(settings, KataConfigOutput);
            var changed = await HostChangeSession(context).RunAsync(nameof(ConfigureKata), KataConfigWriter.NeedsRootFor,
                changes => new KataConfigWriter(context.Log).ApplyAsync(settings, layout, changes, context.CancellationToken), context.CancellationToken);
            context.Note = changed ? layout.Target : "unchanged";
        });

    Target ConfigureDocker => _ => _
        .Description("Install Docker when the root has none (--docker-package), refuse a Docker that would not run Kata 3.x's shim (before 23.0 it ignores runtimeType and runs runc), link containerd-shim-kata-v2 into /usr/local/bin, then register the Kata SEV runtime with our Kata configuration (daemon.json merged in its own formatting, a backup first) and make it the default; recorded for UninstallHost")
        .After(ConfigureKata)
        .Requires(() => DockerRefusalBeforeRun() is null, DockerRefusalBeforeRun() ?? "")
        .UsesExclusive("apt", "dpkg", HostStateResource)
        .Executes(async context =>
        {
            var runtime = KataDockerRuntime();
            var notes = new List<string>();
            await HostChangeSession(context).RunAsync(nameof(ConfigureDocker), DockerRuntimeRegistration.NeedsRootFor, async changes =>
            {
                var configure = new DockerRuntimeRegistration(context.Log);
                await configure.RefuseUnsupportedDockerAsync(runtime, DockerPackage, changes, context.CancellationToken);
                var installer = new DockerInstaller(context.Log);
                var installed = await installer.EnsureAsync(DockerPackage, changes, DockerRepository?.Text, cancellationToken: context.CancellationToken);
                notes.Add(installed.Note);
                bool registered;
                try
                {
                    registered = await configure.RegisterAsync(runtime, DockerConfig, DefaultRuntimeChoices.From(DefaultRuntime, ReplaceDefaultRuntime), changes, context.CancellationToken);
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

    /// <summary>The runtime entry: 1.x's kata-runtime or 3.x's shim v2, naming the Kata configuration ConfigureKata writes.</summary>
    DockerRuntime KataDockerRuntime()
    {
        var configPath = KataConfigLayout.For(KataSettingsFromParameters(), KataConfigOutput).SelectedByRuntime;
        return KataGeneration == KataGeneration.V1
            ? DockerRuntime.SeedV1(RuntimeName.Value, SevStack.Kata.Staging.KataStaging.Prefix + "/bin/kata-runtime", configPath)
            : DockerRuntime.ShimV2(RuntimeName.Value, configPath);
    }

    /// <summary>Before anything runs: a Docker already in the root's dpkg database that would ignore our runtime entry.</summary>
    string? DockerRefusalBeforeRun() =>
        DockerRuntimeSupport.Refusal(KataGeneration, RuntimeName.Value, DockerVersion.FromDpkgStatus(TargetRoot), TargetRoot, unknownIsRefusal: false);

    KataSettings KataSettingsFromParameters() => new()
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
            _ => throw new BuildException("--kata-image and --kata-initrd are both given: Kata boots from exactly one of them, drop one"),
        },
        Firmware = KataFirmware?.Value,
        BlockDeviceDriver = BlockDeviceDriver is { } driver ? ParameterValues.Format(driver) : null,
        Swiotlb = Swiotlb,
        EnableDebug = KataDebug ? true : null,
    };
}
