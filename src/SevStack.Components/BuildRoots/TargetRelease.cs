namespace SevStack.Components.BuildRoots;

/// <summary>
/// A distribution release packages are built for (<c>--build-release debian-13</c>): the suite a build root is
/// debootstrapped from, the mirror it comes from by default (none: the user names one), the keyring apt checks that
/// suite's Release files with, the archive components its apt reads, and debootstrap's script for a suite newer than
/// this machine's debootstrap knows (null: the suite's own).
/// </summary>
public sealed record TargetRelease(string Name, string Suite, string? DefaultMirror, string Keyring, string Components = "main", string? DebootstrapScript = null)
{
    /// <summary>The suites of the mirror the root's apt reads: the release and its point-release updates.</summary>
    public IReadOnlyList<string> Suites => [Suite, Suite + "-updates"];

    /// <summary>
    /// Suites of a newer release the root's apt also reads, pinned at priority 100 as backports are: their sources (the
    /// profile pins a newer release's QEMU) and the <see cref="PinnedTools"/> asked for by version; a package both offer
    /// comes from the release itself, so the libraries built against stay the release's.
    /// </summary>
    public IReadOnlyList<string> NewerSuites { get; init; } = [];

    /// <summary>Build tools installed into the root at an exact version from <see cref="NewerSuites"/>, where the release's own is too old.</summary>
    public IReadOnlyList<PinnedTool> PinnedTools { get; init; } = [];

    /// <summary>
    /// Components built on this machine for this release although their stage can build in the root: their packages
    /// depend on no library of the release, and the sources the profile pins for them are not in the root's suites.
    /// </summary>
    public IReadOnlySet<BuildDeps.BuildComponent> BuiltOnThisMachine { get; init; } = new HashSet<BuildDeps.BuildComponent>();
}

/// <summary>A package installed into a build root at <paramref name="Version"/>, its .deb's SHA256 checked against the root's apt index first.</summary>
/// <param name="Reason">Why the release's own version does not do, for the log.</param>
public sealed record PinnedTool(string Package, string Version, string Sha256, string Reason)
{
    public string Pin => $"{Package}={Version}";
}
