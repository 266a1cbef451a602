using SevStack.Build.Parameters;
using SevStack.Engine.Parameters;
using SevStack.Engine.Processes;
using SevStack.Engine.Targets;
using SevStack.Engine;
using SevStack.Host;
using SevStack.Docker;
using SevStack.Packaging.Outputs;

namespace SevStack.Build;

sealed partial class Build
{
    [Parameter("Install packages from this folder of .deb files (e.g. downloaded from CI) instead of artifacts/apt")]
    readonly string? Debs;

    [Parameter("Exact names of the packages InstallHost installs (apt resolves their dependencies); default: those in artifacts/manifest.json from PackageDebs (with --debs, the folder's own manifest.json), headers excluded")]
    readonly DebianPackageName[] HostPackages = [];

    [Parameter("Boot the SEV kernel: always (the saved GRUB default), once (grub-reboot), or no")]
    readonly GrubDefaultMode GrubDefault = GrubDefaultMode.Always;

    [Parameter("Also enable SEV-ES in kvm_amd (/etc/modprobe.d/sevstack-kvm.conf)")]
    readonly bool SevEs;

    [Parameter("Also enable SEV-SNP in kvm_amd")]
    readonly bool SevSnp;

    [Parameter("Kernel command-line additions through /etc/default/grub.d, e.g. \"mem_encrypt=on kvm_amd.sev=1\"")]
    readonly KernelCommandLine? KernelCmdline;

    Target InstallHost => _ => _
        .Description("Install the SEV kernel, QEMU and OVMF packages through apt, set kvm_amd options and the boot default; idempotent, rolled back on failure")
        .DependsOn(PackageDebs)
        .Requires(() => DebsFolderNamesItsPackages, MissingManifestMessage)
        .UsesExclusive("apt", "dpkg", HostStateResource)
        .Executes(async context =>
        {
            var result = await new HostInstaller(TargetRoot, context.Runner, context.Files, Privilege.Detect(), context.Log).InstallAsync(new InstallHostRequest
            {
                PackageNames = PackagesToInstall(),
                RepositoryFolder = Debs is null ? Path.Combine(ArtifactsDirectory, "apt") : null,
                DebsFolder = Debs,
                GrubDefault = GrubDefault,
                KvmAmd = new KvmAmdOptions(SevEs, SevSnp),
                KernelCommandLine = KernelCmdline?.Value,
            }, context.CancellationToken);
            context.Note = result.Changed ? $"{result.StepsApplied.Count} steps applied" : "unchanged";
        });

    Target UninstallHost => _ => _
        .Description("Undo InstallHost, InstallKataPackages, ConfigureKata and ConfigureDocker: purge the packages InstallHost, InstallKataPackages and ConfigureDocker installed, restore the backed-up files, remove what they created")
        .UsesExclusive("apt", "dpkg", HostStateResource)
        .Executes(async context =>
        {
            var dockerFilesRecorded = DockerFilesIn(HostStateStore.Load(TargetRoot));
            var result = await new HostUninstaller(TargetRoot, context.Runner, context.Files, Privilege.Detect(), context.Log).UninstallAsync(context.CancellationToken);
            if (dockerFilesRecorded.Count > 0)
                await new DockerService(context.Runner, context.Log).ApplyAsync(
                    dockerFilesRecorded.Contains(DockerdDropIn.Path) ? DockerConfigMode.DropIn : DockerConfigMode.DaemonJson, TargetRoot, context.CancellationToken);
            context.Note = result.Changed ? "restored" : "nothing to undo";
        });

    /// <summary>Targets that record changes in /var/lib/sevstack/state.json load and save it whole, so they never run at the same time.</summary>
    const string HostStateResource = "sevstack-state";

    TargetRoot TargetRoot => new(Sysroot);

    /// <summary>The checks and bookkeeping InstallHost uses, for targets that change only files (ConfigureKata, ConfigureDocker).</summary>
    HostChangeSession HostChangeSession(TargetContext context) => new(TargetRoot, context.Runner, context.Files, Privilege.Detect(), context.Log);

    static IReadOnlyList<string> DockerFilesIn(HostChangeRecord? record) => record is null ? [] : record.CreatedFiles
        .Concat(record.ChangedFiles.Select(f => f.Path))
        .Where(path => path is DaemonJson.Path or DockerdDropIn.Path).ToList();

    /// <summary>--host-packages, else the packages of the manifest that describes the folder installed from, headers excluded.</summary>
    IReadOnlyList<string> PackagesToInstall()
    {
        if (HostPackages.Length > 0)
            return HostPackages.Select(p => p.Value).ToList();
        var manifest = PackagesManifest;
        if (!File.Exists(manifest))
            throw new BuildException(MissingManifestMessage);
        return ReportJson.Deserialize<BuildManifest>(File.ReadAllText(manifest)).Packages
            .Select(p => p.Name)
            .Where(name => !name.StartsWith("linux-headers-", StringComparison.Ordinal) && name != "linux-libc-dev")
            .ToList();
    }

    /// <summary>artifacts/manifest.json, or with --debs the folder's own manifest.json (PackageDebs writes one there).</summary>
    string PackagesManifest => Debs is null ? new ArtifactsLayout(ArtifactsDirectory).Manifest : Path.GetFullPath(ArtifactsLayout.DebsFolderManifest(Debs));

    /// <summary>With --debs, the folder is there before anything runs, so a missing manifest is bad input, not a failure.</summary>
    bool DebsFolderNamesItsPackages => Debs is null || HostPackages.Length > 0 || File.Exists(PackagesManifest);

    string MissingManifestMessage => Debs is null
        ? $"No packages to install: name them with --host-packages, or run PackageDebs first ({PackagesManifest} does not exist)"
        : $"No packages to install: --debs {Debs} has no manifest.json ({PackagesManifest} does not exist; PackageDebs writes one into artifacts/debs): name the packages with --host-packages";
}
