namespace SevStack.Host;

/// <summary>A distribution release the profile supports, as /etc/os-release names it (ID and VERSION_ID).</summary>
public sealed record SupportedDistribution(string Id, string VersionId)
{
    public static IReadOnlyList<SupportedDistribution> Defaults { get; } =
        [new("debian", "12"), new("debian", "13"), new("ubuntu", "22.04"), new("ubuntu", "24.04")];

    public override string ToString() => $"{Id} {VersionId}";
}
