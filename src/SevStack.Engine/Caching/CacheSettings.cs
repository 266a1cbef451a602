namespace SevStack.Engine.Caching;

/// <summary>Where the cache lives and which targets must be rebuilt even on a hit (<c>--rebuild</c>).</summary>
public sealed record CacheSettings(string Directory)
{
    /// <summary>Target names; their body runs, and the result replaces the stored entry.</summary>
    public IReadOnlySet<string> RebuildTargets { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    internal Action<string>? OnStep { get; init; }

    /// <summary>The remote cache consulted after a local miss and written after a build (<c>--cache-url</c>); null for none.</summary>
    public Remote.RemoteCacheSettings? Remote { get; init; }

    public const string EnvironmentVariable = "SEVSTACK_CACHE_DIR";

    /// <summary><c>$SEVSTACK_CACHE_DIR</c>, else <c>$XDG_CACHE_HOME/sevstack</c>, else <c>~/.cache/sevstack</c>, else under the artifacts.</summary>
    public static string DefaultDirectory(IReadOnlyDictionary<string, string> variables, string artifactsDirectory)
    {
        if (variables.GetValueOrDefault(EnvironmentVariable) is { Length: > 0 } explicitDirectory)
            return Path.GetFullPath(explicitDirectory);
        if (variables.GetValueOrDefault("XDG_CACHE_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg))
            return Path.Combine(xdg, "sevstack");
        if (variables.GetValueOrDefault("HOME") is { Length: > 0 } home)
            return Path.Combine(home, ".cache", "sevstack");
        return Path.Combine(artifactsDirectory, "cache");
    }
}
