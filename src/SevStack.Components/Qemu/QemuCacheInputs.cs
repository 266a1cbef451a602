using SevStack.Engine.Caching;
using SevStack.Toolkit.Processes;
using SevStack.Engine.Targets;

namespace SevStack.Components.Qemu;

/// <summary>What a QEMU build's output depends on besides its recipe: the source, the install prefix, and the libraries and tools it is built with.</summary>
public static class QemuCacheInputs
{
    /// <param name="runnerOf">Where the build runs (a build root's runner), so libslirp's version is the one the build links; null: the target's runner.</param>
    public static CacheDeclaration Declare(CacheDeclaration cache, string recipe, Func<TargetContext, string> sourceIdentity, string installPrefix,
        Func<TargetContext, ICommandRunner>? runnerOf = null) => cache
        .Recipe(recipe)
        .Input("source", context => Task.FromResult<string?>(sourceIdentity(context)))
        .Input("install-prefix", () => installPrefix)
        .Input("slirp", async context => (await (runnerOf?.Invoke(context) ?? context.Runner).RunAsync(
            new CommandSpec("pkg-config", "--modversion", "slirp") { IsQuery = true, AllowFailure = true })).StandardOutput.Trim())
        .Tool("gcc", "gcc", "--version").Tool("ld", "ld", "--version").Tool("meson", "meson", "--version").Tool("ninja", "ninja", "--version")
        .Tool("glib", "pkg-config", "--modversion", "glib-2.0").Tool("pixman", "pkg-config", "--modversion", "pixman-1");
}
