using SevStack.Toolkit;
using SevStack.Toolkit.Processes;
using SevStack.Host;

namespace SevStack.Build.Modules.Host;

/// <summary>
/// The host itself: our packages installed through apt, kvm_amd options and the boot default, every change recorded in
/// the root's state.json so that UninstallHost undoes this stage's and the later stages' changes.
/// </summary>
sealed class HostModule(IStackSettings settings, PackagingModule packaging) : IBuildModule
{
    /// <summary>Targets that record changes in /var/lib/sevstack/state.json load and save it whole, so they never run at the same time.</summary>
    public const string StateResource = "sevstack-state";

    [Parameter("Exact names of the packages InstallHost installs (apt resolves their dependencies); default: those in artifacts/manifest.json from PackageDebs (with --debs, the folder's own manifest.json), headers excluded")]
    public DebianPackageName[] HostPackages { get; init; } = [];

    [Parameter("Boot the SEV kernel: always (the saved GRUB default), once (grub-reboot), or no")]
    public GrubDefaultMode GrubDefault { get; init; } = GrubDefaultMode.Always;

    [Parameter("Let InstallHost make a kernel the boot default although its config lacks options a server needs to boot (README: boot-critical options)")]
    public bool AllowUnbootableKernelDefault { get; init; }

    [Parameter("Also enable SEV-ES in kvm_amd (/etc/modprobe.d/sevstack-kvm.conf)")]
    public bool SevEs { get; init; }

    [Parameter("Also enable SEV-SNP in kvm_amd")]
    public bool SevSnp { get; init; }

    [Parameter("Kernel command-line additions through /etc/default/grub.d, e.g. \"mem_encrypt=on kvm_amd.sev=1\"")]
    public KernelCommandLine? KernelCmdline { get; init; }

    /// <summary>The checks and bookkeeping InstallHost uses, for stages that change only files (Kata, Docker).</summary>
    public HostChangeSession ChangeSession(TargetContext context) => new(settings.TargetRoot, context.Runner, context.Files, Privilege.Detect(), context.Log);

    public Target InstallHost => _ => _
        .Description("Install the SEV kernel, QEMU and OVMF packages through apt, set kvm_amd options and the boot default; idempotent, rolled back on failure")
        .Consumes(packaging.Packages)
        .Requires(() => DebsFolderNamesItsPackages, MissingManifestMessage)
        .Requires(() => UnbootableDefaultBeforeRun.Value is null, () => UnbootableDefaultBeforeRun.Value!)
        .UsesExclusive("apt", "dpkg", StateResource)
        .Executes(async context =>
        {
            var debs = context.Get(packaging.Packages);
            await RefuseUnbootableDefaultAsync(context, debs);
            var result = await new HostInstaller(settings.TargetRoot, context.Runner, context.Files, Privilege.Detect(), context.Log).InstallAsync(new InstallHostRequest
            {
                PackageNames = PackagesToInstall(debs),
                RepositoryFolder = debs.AptRepository,
                DebsFolder = debs.DebsFolder,
                GrubDefault = GrubDefault,
                KvmAmd = new KvmAmdOptions(SevEs, SevSnp),
                KernelCommandLine = KernelCmdline?.Value,
                PlannedPackages = debs.Planned?.Select(p => new RepositoryPackage(p.Name, p.Version, p.Architecture, "./" + Path.GetFileName(p.File), 0, null)).ToList(),
            }, context.CancellationToken);
            context.Note = result.Changed ? $"{result.StepsApplied.Count} steps applied" : "unchanged";
        });

    public Target UninstallHost => _ => _
        .Description("Undo InstallHost, InstallKataPackages, ConfigureKata and ConfigureDocker: purge the packages InstallHost, InstallKataPackages and ConfigureDocker installed, restore the backed-up files, remove what they created")
        .UsesExclusive("apt", "dpkg", StateResource)
        .Executes(async context =>
        {
            var before = HostStateStore.Load(settings.TargetRoot);
            var result = await new HostUninstaller(settings.TargetRoot, context.Runner, context.Files, Privilege.Detect(), context.Log).UninstallAsync(context.CancellationToken);
            foreach (var stage in settings.Run.Modules.OfType<IUndoneByUninstall>())
                await stage.AfterUninstallAsync(before, context);
            context.Note = result.Changed ? "restored" : "nothing to undo";
        });

    /// <summary>--host-packages, else the packages of the manifest that describes the folder installed from, headers excluded.</summary>
    internal IReadOnlyList<string> PackagesToInstall(DebSet debs)
    {
        if (HostPackages.Length > 0)
            return HostPackages.Select(p => p.Value).ToList();
        var packages = debs.Packages.Where(name => !name.StartsWith("linux-headers-", StringComparison.Ordinal) && name != "linux-libc-dev").ToList();
        return packages.Count > 0 ? packages : throw new BuildException(MissingManifestMessage);
    }

    /// <summary>With --debs the kernel package is there before anything runs: its config is checked then (exit 2).</summary>
    internal Lazy<string?> UnbootableDefaultBeforeRun => unbootableDefaultBeforeRun ??= new(() =>
        packaging.Debs is { } folder && !AllowUnbootableKernelDefault && DebsFolderNamesItsPackages
            ? BootDefaultKernelCheck.RefusalBeforeRun(settings.Run.StartupLog, folder, HostPackages.Length > 0 ? HostPackages.Select(p => p.Value) : GivenOrBuiltDebs.Packages, GrubDefault)
            : null);
    Lazy<string?>? unbootableDefaultBeforeRun;

    /// <summary>PackageDebs' packages are known when InstallHost (or PackageInstaller) runs: checked then, before any change.</summary>
    internal async Task RefuseUnbootableDefaultAsync(TargetContext context, DebSet debs)
    {
        if (GrubDefault == GrubDefaultMode.No || AllowUnbootableKernelDefault || BootDefaultKernelCheck.ImagePackage(PackagesToInstall(debs)) is not { } image)
            return;
        var deb = debs.DebsFolder is { } folder ? BootDefaultKernelCheck.InDebsFolder(folder, image) : BootDefaultKernelCheck.InRepository(debs.AptRepository!, image);
        if (deb is null)
        {
            context.Log.Info($"{image} is not built yet (dry run): its config is checked for the boot-critical options when it is");
            return;
        }
        if (await Components.Kernel.UnbootableKernelDefault.RefusalAsync(context.Runner, deb, BootDefaultKernelCheck.Text(GrubDefault), context.CancellationToken) is { } refusal)
            throw new BuildException(refusal);
    }

    DebSet GivenOrBuiltDebs => packaging.Debs is { } folder ? DebSet.FromFolder(folder) : DebSet.FromArtifacts(settings.Run.ArtifactsDirectory);

    /// <summary>With --debs, the folder is there before anything runs, so a missing manifest is bad input, not a failure.</summary>
    /// <summary>InstallHost installs the packages of a --debs folder (CI's), rather than those PackageDebs made in this run.</summary>
    internal bool InstallsFromDebsFolder => packaging.Debs is not null;

    internal bool DebsFolderNamesItsPackages => packaging.Debs is null || HostPackages.Length > 0 || File.Exists(GivenOrBuiltDebs.Manifest);

    internal string MissingManifestMessage => packaging.Debs is null
        ? $"No packages to install: name them with --host-packages, or run PackageDebs first ({GivenOrBuiltDebs.Manifest} does not exist)"
        : $"No packages to install: --debs {packaging.Debs} has no manifest.json ({GivenOrBuiltDebs.Manifest} does not exist; PackageDebs writes one into artifacts/debs): name the packages with --host-packages";
}
