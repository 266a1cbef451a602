namespace SevStack.Engine.Caching;

/// <summary>What the cache did for one target, for <c>--explain</c>: a hit, or a miss with the reasons.</summary>
public sealed record CacheOutcome(string Target, string Key, bool Hit, IReadOnlyList<string> Reasons)
{
    public string ShortKey => Key[..8];

    public string Render() => Hit
        ? $"{Target}: cache hit {ShortKey}"
        : $"{Target}: rebuilt {ShortKey}" + string.Concat(Reasons.Select(r => Environment.NewLine + "  " + r));
}
