using SevStack.Engine.Caching;
using SevStack.Engine.Targets;

namespace SevStack.Components.Qemu;

/// <summary>What a QEMU build's output depends on besides its recipe: the source, the install prefix, and the libraries and tools it is built with.</summary>
public static class QemuCacheInputs
{
    /// <remarks>
    /// The libraries are keyed by their development packages' versions, as the tools: known before they are installed. In a
    /// build root the root's own packages join the key through its dpkg status (<c>BuildRootChoice.CacheInput</c>).
    /// </remarks>
    public static CacheDeclaration Declare(CacheDeclaration cache, string recipe, Func<TargetContext, string> sourceIdentity, string installPrefix) => cache
        .Recipe(recipe)
        .Input("source", context => Task.FromResult<string?>(sourceIdentity(context)))
        .Input("install-prefix", () => installPrefix)
        .Tool("gcc").Tool("ld").Tool("meson").Tool("ninja")
        .Library("glib-2.0").Library("pixman-1").Library("slirp");
}
