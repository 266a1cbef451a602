namespace SevStack.Components.Ccache;

/// <summary>
/// Debian's ccache in front of gcc, with its store in <paramref name="Directory"/> (under SevStack's cache folder).
/// Paths under <paramref name="BaseDirectory"/> are hashed relative to it, so another clone's build tree hits too.
/// </summary>
public sealed record CompilerCache(string Directory, string BaseDirectory)
{
    public const string Package = "ccache";

    /// <summary>The compiler command line the builds use instead of plain <c>gcc</c>.</summary>
    public string CompilerCommand => "ccache gcc";

    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["CCACHE_DIR"] = Directory,
        ["CCACHE_BASEDIR"] = BaseDirectory,
        ["CCACHE_NOHASHDIR"] = "true",
        ["CCACHE_COMPILERCHECK"] = "content",
    };

    /// <summary>Keeps a ccache found on PATH (meson picks it up by itself) out of a build that was asked to run without one.</summary>
    public static IReadOnlyDictionary<string, string?> Disabled { get; } = new Dictionary<string, string?> { ["CCACHE_DISABLE"] = "1" };

    public static IReadOnlyDictionary<string, string?> EnvironmentOf(CompilerCache? cache) => cache?.Environment ?? Disabled;
}
