using SevStack.Toolkit;
using SevStack.Host.Apt;

namespace SevStack.Kata.Packages;

/// <summary>
/// A mirror of a Kata 1.x repository of openSUSE OBS (home:katacontainers:releases:&lt;arch&gt;:&lt;channel&gt;/xUbuntu_&lt;version&gt;,
/// gone since 2020): a flat repository (<c>deb &lt;url&gt; /</c>) whose key is &lt;url&gt;/Release.key, and the fingerprint that
/// key must have. No fingerprint was ever published for it, so the one given is the only check.
/// </summary>
public sealed record KataPackageRepository
{
    public const string RepositoryFlag = "--kata-apt-repository";
    public const string FingerprintFlag = "--kata-apt-key-fingerprint";

    /// <summary>The name of the keyring (/etc/apt/keyrings/kata-containers.asc) and the source (kata-containers.sources).</summary>
    public const string SourceName = "kata-containers";

    /// <summary>The one-line error for Kata 1.x without <see cref="RepositoryFlag"/> and <see cref="FingerprintFlag"/>.</summary>
    public const string Missing = "Kata 1.x needs the kata-runtime, kata-proxy and kata-shim packages, but their openSUSE OBS repository " +
        "home:katacontainers:releases is gone since 2020; point " + RepositoryFlag + " at a mirror of it (a flat repository with its Release.key) " +
        "and give " + FingerprintFlag + ", the fingerprint that key must have (no published one can be checked offline)";

    KataPackageRepository(string url, string keyFingerprint)
    {
        Url = url;
        KeyFingerprint = keyFingerprint;
    }

    public string Url { get; }

    public string KeyFingerprint { get; }

    /// <summary>True when both flags have a value (the target requires them together).</summary>
    public static bool IsGiven(string? url, string? keyFingerprint) => !string.IsNullOrWhiteSpace(url) && !string.IsNullOrWhiteSpace(keyFingerprint);

    /// <summary>The repository from the two flags, or a one-line error naming the flag whose value is malformed.</summary>
    public static KataPackageRepository From(string url, string keyFingerprint)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https" or "file"))
            throw new BuildException($"{RepositoryFlag} {url}: expects the http://, https:// or file:// URL of the folder that holds the repository's Release and Packages files");
        if (!GpgKeyFingerprint.IsWellFormed(keyFingerprint))
            throw new BuildException($"{FingerprintFlag} {keyFingerprint}: expects the hex digits of an OpenPGP key fingerprint (40, or 64 for a v5 or v6 key; spaces allowed), as gpg --show-keys prints it");
        return new KataPackageRepository(url.Trim().TrimEnd('/'), GpgKeyFingerprint.Normalize(keyFingerprint));
    }

    /// <summary>The repository as apt sees it: flat (<c>Suites: /</c>, no Components), signed by &lt;url&gt;/Release.key.</summary>
    public SignedAptSource Source => SignedAptSource.Flat(SourceName, Url, $"{Url}/Release.key", KeyFingerprint);
}
