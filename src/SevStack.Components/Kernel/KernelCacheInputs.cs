using SevStack.Engine.Caching;
using SevStack.Engine.Targets;

namespace SevStack.Components.Kernel;

/// <summary>What a kernel build's output depends on besides its own switches: source, base configuration (and its file), fragments, toolchain.</summary>
public static class KernelCacheInputs
{
    public static CacheDeclaration Declare(CacheDeclaration cache, string recipe, Func<TargetContext, string> sourceIdentity, KernelConfigBase configBase, string fragmentsDirectory) => cache
        .Recipe(recipe)
        .Input("source", context => Task.FromResult<string?>(sourceIdentity(context)))
        .Input("config-base", () => configBase.ToString())
        .Input("config-base-file", () => BaseFileHash(configBase))
        .InputFiles("fragments", () => Fragments(fragmentsDirectory))
        .Tool("gcc").Tool("ld").Tool("make");

    static IEnumerable<string> Fragments(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder, "*.config").Order(StringComparer.Ordinal) : [];

    /// <summary>The content of the base configuration file (running, file:PATH), which the base name alone does not pin.</summary>
    static string BaseFileHash(KernelConfigBase configBase)
    {
        var file = configBase.Kind switch
        {
            KernelConfigBaseKind.Running => "/boot/config-" + File.ReadAllText("/proc/sys/kernel/osrelease").Trim(),
            KernelConfigBaseKind.File => configBase.FilePath,
            _ => null,
        };
        return file is null ? "(none)" : File.Exists(file) ? "sha256:" + FileHashes.Sha256(file) : "(missing)";
    }
}
