using SevStack.Engine.Parameters;
using SevStack.Engine.Processes;
using SevStack.Engine.Targets;
using SevStack.Engine;
using SevStack.Host;
using SevStack.Packaging.Outputs;

namespace SevStack.Build;

sealed partial class Build
{
    [Parameter("Install packages from this folder of .deb files (e.g. downloaded from CI) instead of artifacts/apt")]
    readonly string? Debs;

    [Parameter("Exact names of the packages InstallHost installs (apt resolves their dependencies); default: those in artifacts/manifest.json from PackageDebs, headers excluded")]
    readonly string[] HostPackages = [];

    [Parameter("Boot the SEV kernel: always (the saved GRUB default), once (grub-reboot), or no")]
    readonly GrubDefaultMode GrubDefault = GrubDefaultMode.Always;

    [Parameter("Also enable SEV-ES in kvm_amd (/etc/modprobe.d/sevstack-kvm.conf)")]
    readonly bool SevEs;

    [Parameter("Also enable SEV-SNP in kvm_amd")]
    readonly bool SevSnp;

    [Parameter("Kernel command-line additions through /etc/default/grub.d, e.g. \"mem_encrypt=on kvm_amd.sev=1\"")]
    readonly string? KernelCmdline;

    Target InstallHost => _ => _
        .Description("Install the SEV kernel, QEMU and OVMF packages through apt, set kvm_amd options and the boot default; idempotent, rolled back on failure")
        .DependsOn(PackageDebs)
        .UsesExclusive("apt", "dpkg")
        .Executes(async context =>
        {
            var result = await new HostInstaller(new TargetRoot(Sysroot), context.Runner, context.Files, Privilege.Detect(), context.Log).InstallAsync(new InstallHostRequest
            {
                PackageNames = PackagesToInstall(),
                RepositoryFolder = Debs is null ? Path.Combine(ArtifactsDirectory, "apt") : null,
                DebsFolder = Debs,
                GrubDefault = GrubDefault,
                KvmAmd = new KvmAmdOptions(SevEs, SevSnp),
                KernelCommandLine = KernelCmdline,
            }, context.CancellationToken);
            context.Log.Info(result.NextSteps);
            context.Note = result.Changed ? $"{result.StepsApplied.Count} steps applied" : "unchanged";
        });

    Target UninstallHost => _ => _
        .Description("Undo InstallHost: purge the packages it installed, restore the backed-up files, remove what it created")
        .UsesExclusive("apt", "dpkg")
        .Executes(async context =>
        {
            var result = await new HostUninstaller(new TargetRoot(Sysroot), context.Runner, context.Files, Privilege.Detect(), context.Log).UninstallAsync(context.CancellationToken);
            context.Note = result.Changed ? "restored" : "nothing to undo";
        });

    IReadOnlyList<string> PackagesToInstall()
    {
        if (HostPackages.Length > 0)
            return HostPackages;
        var manifest = new ArtifactsLayout(ArtifactsDirectory).Manifest;
        if (Debs is not null || !File.Exists(manifest))
            throw new BuildException($"No packages to install: name them with --host-packages, or run PackageDebs first ({manifest} does not exist)");
        return ReportJson.Deserialize<BuildManifest>(File.ReadAllText(manifest)).Packages
            .Select(p => p.Name)
            .Where(name => !name.StartsWith("linux-headers-", StringComparison.Ordinal) && name != "linux-libc-dev")
            .ToList();
    }
}
