namespace SevStack.Components.BuildRoots;

/// <summary>
/// A distribution release packages are built for (<c>--build-release debian-13</c>): the suite a build root is
/// debootstrapped from, the mirror it comes from by default and the keyring apt checks that suite's Release files with.
/// </summary>
public sealed record TargetRelease(string Name, string Suite, string DefaultMirror, string Keyring)
{
    /// <summary>The suites of the mirror the root's apt reads: the release and its point-release updates.</summary>
    public IReadOnlyList<string> Suites => [Suite, Suite + "-updates"];
}
