namespace SevStack.Host.Apt;

/// <summary>
/// A third-party apt repository and the key that must sign it: the key goes to /etc/apt/keyrings/&lt;name&gt;.asc after its
/// fingerprint is checked, and the deb822 source /etc/apt/sources.list.d/&lt;name&gt;.sources names it with <c>Signed-By</c>
/// (never apt-key, never trusted.gpg).
/// </summary>
/// <param name="Name">The file name of the keyring and the source without extension, e.g. "docker".</param>
/// <param name="KeyUrl">Where the ASCII-armored public key is published.</param>
/// <param name="KeyFingerprint">The fingerprint the key's primary key must have (spaces allowed).</param>
/// <param name="Suite">The suite (a codename), or "/" for a flat repository (<c>deb &lt;url&gt; /</c>).</param>
/// <param name="Component">The component of a suite; null for a flat repository, which has none.</param>
public sealed record SignedAptSource(string Name, string Url, string KeyUrl, string KeyFingerprint, string Suite, string? Component, string Architecture = "amd64")
{
    public const string FlatSuite = "/";

    /// <summary>A repository with dists/&lt;suite&gt;/&lt;component&gt;, such as Docker's.</summary>
    public static SignedAptSource WithSuite(string name, string url, string keyUrl, string keyFingerprint, string suite, string component) =>
        new(name, url, keyUrl, keyFingerprint, suite, component);

    /// <summary>A flat repository: Release and Packages at the top of <paramref name="url"/>, as openSUSE OBS publishes them.</summary>
    public static SignedAptSource Flat(string name, string url, string keyUrl, string keyFingerprint) =>
        new(name, url, keyUrl, keyFingerprint, FlatSuite, null);

    public string KeyPath => $"/etc/apt/keyrings/{Name}.asc";

    public string SourcesPath => $"/etc/apt/sources.list.d/{Name}.sources";

    public bool IsFlat => Suite == FlatSuite;

    /// <summary>The deb822 source; a flat repository has <c>Suites: /</c> and no <c>Components</c>.</summary>
    public string Deb822() =>
        $"Types: deb\nURIs: {Url}\nSuites: {Suite}\n" + (Component is null ? "" : $"Components: {Component}\n") +
        $"Architectures: {Architecture}\nSigned-By: {KeyPath}\n";
}
