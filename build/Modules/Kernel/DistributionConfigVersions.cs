using System.Collections.Concurrent;
using SevStack.Components.Kernel;
using SevStack.Toolkit.Processes;

namespace SevStack.Build.Modules.Kernel;

/// <summary>
/// The version of each distribution config package (<c>linux-config-*</c>) asked in this run: apt is asked once
/// (<c>apt-cache madison</c>), though the key, the key computed again after the fetch, and the build of both kernel
/// flavours each need it.
/// </summary>
sealed class DistributionConfigVersions
{
    readonly ConcurrentDictionary<(string Package, string SourceVersion), Lazy<Task<string>>> versions = new();

    public Task<string> VersionAsync(ICommandRunner runner, TargetContext context, string package, string sourceVersion) =>
        versions.GetOrAdd((package, sourceVersion), key => new Lazy<Task<string>>(() =>
            new DebianConfigPackage(runner).VersionAsync(key.Package, key.SourceVersion, context.CancellationToken))).Value;
}
