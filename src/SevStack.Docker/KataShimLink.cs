using SevStack.Toolkit;
using SevStack.Host;
using SevStack.Kata.Staging;

namespace SevStack.Docker;

/// <summary>
/// containerd turns <c>runtimeType io.containerd.kata.v2</c> into the program <c>containerd-shim-kata-v2</c> and looks
/// for it on its PATH; Kata 3.x installs it under /opt/kata/bin. Like kata-deploy, a link in /usr/local/bin makes it
/// found. The link is recorded as a created link, so UninstallHost and a failed run remove the link (never the shim);
/// a file already there that is not this link is never replaced.
/// </summary>
public static class KataShimLink
{
    public const string LinkPath = "/usr/local/bin/containerd-shim-kata-v2";
    public const string ShimPath = KataStaging.Prefix + "/bin/containerd-shim-kata-v2";

    /// <param name="kataInstalledFirst">A dry run in which InstallHost installs Kata first: the shim it would install is not there yet.</param>
    /// <returns>True when the link was created (or would be in a dry run).</returns>
    public static async Task<bool> EnsureAsync(HostChanges changes, bool kataInstalledFirst = false, CancellationToken cancellationToken = default)
    {
        var shim = changes.Root.Map(ShimPath);
        if (!File.Exists(shim) && !(changes.IsDryRun && kataInstalledFirst))
            throw new BuildException($"{shim} does not exist, so containerd would find no shim for runtimeType {DockerRuntime.ShimV2Type}: install Kata 3.x first (BuildKata and InstallHost put it under {KataStaging.Prefix}), then run ConfigureDocker again");
        return await changes.CreateSymbolicLinkAsync(LinkPath, ShimPath, cancellationToken).ConfigureAwait(false);
    }
}
