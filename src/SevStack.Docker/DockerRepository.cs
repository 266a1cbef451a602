namespace SevStack.Docker;

/// <summary>Docker's apt repository (or a mirror of it) and the fingerprint its key (<c>&lt;url&gt;/gpg</c>) must have.</summary>
public sealed record DockerRepository(string Url, string KeyFingerprint)
{
    /// <summary>Docker's release signing key as published in its install documentation.</summary>
    public const string PublishedKeyFingerprint = "9DC8 5822 9FC7 DD38 854A  E2D8 8D81 803C 0EBF CD88";

    /// <summary>download.docker.com for a distribution ID ("debian", "ubuntu"), or a mirror of it; the key stays Docker's.</summary>
    public static DockerRepository Official(string distribution, string? mirrorUrl = null) =>
        new((mirrorUrl ?? $"https://download.docker.com/linux/{distribution}").TrimEnd('/'), PublishedKeyFingerprint);
}
