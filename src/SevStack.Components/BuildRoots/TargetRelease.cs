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
}
