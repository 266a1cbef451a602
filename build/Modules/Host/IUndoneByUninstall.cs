using SevStack.Host;

namespace SevStack.Build.Modules.Host;

/// <summary>A later stage with something to do after UninstallHost restored its files (e.g. Docker reads daemon.json again).</summary>
interface IUndoneByUninstall
{
    /// <param name="before">The record as it was before UninstallHost.</param>
    Task AfterUninstallAsync(HostChangeRecord? before, TargetContext context);
}
