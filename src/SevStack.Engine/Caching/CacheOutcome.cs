namespace SevStack.Engine.Caching;

/// <summary>What the cache did for one target, for <c>--explain</c>: a hit, or a miss with the reasons.</summary>
public sealed record CacheOutcome(string Target, string Key, bool Hit, IReadOnlyList<string> Reasons)
{
    public string ShortKey => Key[..8];

    /// <summary>A hit fetched from the remote cache (and now also stored locally).</summary>
    public bool FromRemote { get; init; }

    /// <summary><c>cache hit 1a2b3c4d</c>, with <c>from the remote cache</c> for a remote hit.</summary>
    public string HitText => $"cache hit {ShortKey}" + (FromRemote ? " from the remote cache" : "");

    public string Render() => Hit
        ? $"{Target}: {HitText}"
        : $"{Target}: rebuilt {ShortKey}" + string.Concat(Reasons.Select(r => Environment.NewLine + "  " + r));
}
