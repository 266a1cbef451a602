using SevStack.Engine;
using SevStack.Engine.Processes;
using SevStack.Host;
using SevStack.Kata.Build;

namespace SevStack.Kata.Docker;

/// <summary>
/// containerd turns <c>runtimeType io.containerd.kata.v2</c> into the program <c>containerd-shim-kata-v2</c> and looks
/// for it on its PATH; Kata 3.x installs it under /opt/kata/bin. Like kata-deploy, a link in /usr/local/bin makes it
/// found. The link is created through <see cref="HostChanges"/> bookkeeping (recorded as a created file, so UninstallHost
/// and a failed run remove it); a file already there that is not this link is never replaced.
/// </summary>
public sealed class KataShimLink(IBuildLog log)
{
    public const string LinkPath = "/usr/local/bin/containerd-shim-kata-v2";
    public const string ShimPath = KataStaging.Prefix + "/bin/containerd-shim-kata-v2";

    /// <returns>True when the link was created (or would be in a dry run).</returns>
    public async Task<bool> EnsureAsync(HostChanges changes, CancellationToken cancellationToken = default)
    {
        var link = changes.Root.Map(LinkPath);
        var shim = changes.Root.Map(ShimPath);
        if (!File.Exists(shim))
            throw new BuildException($"{shim} does not exist, so containerd would find no shim for runtimeType {DockerRuntime.ShimV2Type}: install Kata 3.x first (BuildKata and InstallHost put it under {KataStaging.Prefix}), then run ConfigureDocker again");
        var existing = new FileInfo(link);
        if (existing.LinkTarget == ShimPath)
        {
            log.Info($"{link} -> {ShimPath} unchanged");
            return false;
        }
        if (existing.LinkTarget is not null || existing.Exists)
            throw new BuildException($"{link} already exists and is not a link to {ShimPath}; containerd would start it for runtimeType {DockerRuntime.ShimV2Type}: remove it or point it at {ShimPath} (it was left untouched)");
        await changes.BeforeChangeAsync(LinkPath, cancellationToken).ConfigureAwait(false);
        if (changes.IsDryRun)
            log.Info($"would link {link} -> {ShimPath}");
        else if (Environment.IsPrivilegedProcess)
        {
            File.CreateSymbolicLink(link, ShimPath);
            log.Info($"linked {link} -> {ShimPath}");
        }
        else
            await changes.Runner.RunAsync(new CommandSpec("ln", "-s", "--", ShimPath, link) { NeedsRoot = true }, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
