namespace SevStack.Components.Ccache;

/// <summary>
/// Debian's ccache in front of gcc, with its store in <paramref name="Directory"/> (under SevStack's cache folder).
/// Paths under <paramref name="BaseDirectory"/> are hashed relative to it, so another clone's build tree hits too.
/// With <see cref="Remote"/>, objects missing locally are looked up on (and, unless read-only, written to) the remote
/// cache server.
/// ccache runs in depend mode: a miss compiles once and takes the included files from the dependency file the compiler
/// writes anyway (QEMU's meson passes <c>-MD</c>, Kbuild <c>-Wp,-MMD</c>), instead of first running the preprocessor
/// to look for a preprocessed hit; that preprocessor run per object is what made a cold store cost more than no ccache
/// (README, Benchmarks). A compilation without a dependency file (configure's probes) uses the default modes.
/// </summary>
public sealed record CompilerCache(string Directory, string BaseDirectory)
{
    public const string Package = "ccache";

    /// <summary>The remote cache server (<c>BuildBase.RemoteCache</c>, from <c>--cache-url</c>); null for a local cache only.</summary>
    public Engine.Caching.Remote.RemoteCacheSettings? Remote { get; init; }

    /// <summary>ccache's remote storage for <see cref="Remote"/>: its value, or why ccache cannot use that server; null without a remote.</summary>
    public CcacheRemoteStorage? RemoteStorage => Remote is { } remote ? CcacheRemoteStorage.For(remote) : null;

    /// <summary>The compiler command line the builds use instead of plain <c>gcc</c>.</summary>
    public string CompilerCommand => "ccache gcc";

    /// <summary>
    /// The variables that configure ccache. <c>CCACHE_REMOTE_STORAGE</c> may hold the server's credentials: the engine
    /// masks them in every log (they are among <c>RemoteCacheSettings.Secrets</c>).
    /// </summary>
    public IReadOnlyDictionary<string, string?> Environment
    {
        get
        {
            var variables = new Dictionary<string, string?>
            {
                ["CCACHE_DIR"] = Directory,
                ["CCACHE_BASEDIR"] = BaseDirectory,
                ["CCACHE_NOHASHDIR"] = "true",
                ["CCACHE_COMPILERCHECK"] = "content",
                ["CCACHE_DEPEND"] = "true",
            };
            if (RemoteStorage?.Value is { } storage)
                variables["CCACHE_REMOTE_STORAGE"] = storage;
            return variables;
        }
    }

    /// <summary>Keeps a ccache found on PATH (meson picks it up by itself) out of a build that was asked to run without one.</summary>
    public static IReadOnlyDictionary<string, string?> Disabled { get; } = new Dictionary<string, string?> { ["CCACHE_DISABLE"] = "1" };

    public static IReadOnlyDictionary<string, string?> EnvironmentOf(CompilerCache? cache) => cache?.Environment ?? Disabled;
}
