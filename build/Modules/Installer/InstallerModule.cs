using SevStack.Host;
using SevStack.Host.Installer;

namespace SevStack.Build.Modules.Installer;

/// <summary>
/// The installer for target hosts without .NET: artifacts/installer holds install.sh and the apt repository of the
/// packages InstallHost would install, and applies InstallHost's plan (its packages, kvm_amd options and GRUB settings,
/// from the same parameters) on the host it is copied to.
/// </summary>
sealed class InstallerModule(IStackSettings settings, PackagingModule packaging, HostModule host) : IBuildModule
{
    public Target PackageInstaller => _ => _
        .Description("Write artifacts/installer: install.sh (POSIX sh, no .NET) and the packages' apt repository; on the target host run sudo ./install.sh [--dry-run] [--uninstall]")
        .Consumes(packaging.Packages)
        .Requires(() => host.DebsFolderNamesItsPackages, host.MissingManifestMessage)
        .Requires(() => host.UnbootableDefaultBeforeRun.Value is null, () => host.UnbootableDefaultBeforeRun.Value!)
        .Executes(async context =>
        {
            var debs = context.Get(packaging.Packages);
            await host.RefuseUnbootableDefaultAsync(context, debs);
            var folder = Path.Combine(settings.Run.ArtifactsDirectory, "installer");
            var request = new InstallHostRequest
            {
                PackageNames = host.PackagesToInstall(debs),
                RepositoryFolder = debs.AptRepository,
                DebsFolder = debs.DebsFolder,
                GrubDefault = host.GrubDefault,
                KvmAmd = new KvmAmdOptions(host.SevEs, host.SevSnp),
                KernelCommandLine = host.KernelCmdline?.Value,
            };
            if (context.IsDryRun)
            {
                context.Log.Info($"would write {folder}: {InstallerBundle.ScriptName}, repo/ ({string.Join(", ", request.PackageNames)}), plan/");
                context.Note = "dry run";
                return;
            }
            var plan = await new InstallerBundle(context.Runner, context.Log).WriteAsync(folder, request, context.CancellationToken);
            context.Note = $"{Path.GetRelativePath(settings.Run.RootDirectory, folder)}/{InstallerBundle.ScriptName} ({plan.Packages.Count} packages)";
        });
}
