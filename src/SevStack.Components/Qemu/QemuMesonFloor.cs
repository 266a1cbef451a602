using System.Text.RegularExpressions;
using SevStack.Sources.Specs;
using SevStack.Toolkit;

namespace SevStack.Components.Qemu;

/// <summary>
/// QEMU builds with meson from 5.2; older releases have their own configure that writes Makefiles, which
/// <see cref="QemuBuilder"/> does not drive. A source whose release its spec names (a git tag, a Debian version, a
/// release tarball's name) is refused before anything runs; any other tree when it has no meson.build.
/// </summary>
public static partial class QemuMesonFloor
{
    public static readonly Version MesonSince = new(5, 2);

    /// <summary>The QEMU release a spec names, or null when only the fetched tree can tell (a branch, a commit, apt:qemu, dir:).</summary>
    public static Version? ReleaseOf(string spec) => SourceSpec.Parse(spec) switch
    {
        GitSourceSpec git => Release(GitTag().Match(git.Ref)),
        AptSourceSpec { Version: { } version } => Release(DebianVersion().Match(version)),
        TarballSourceSpec tarball => Release(TarballName().Match(tarball.FileName)),
        _ => null,
    };

    /// <summary>One line refusing a spec that names a release older than 5.2; null for any other.</summary>
    public static string? RefusalOf(string spec) =>
        ReleaseOf(spec) is { } release && release < MesonSince ? Refusal($"--qemu-source {spec} is QEMU {release}") : null;

    /// <summary>Throws for a fetched tree that has a configure script but no meson.build (QEMU before 5.2).</summary>
    public static void RequireMesonTree(string sourceTree)
    {
        if (File.Exists(Path.Combine(sourceTree, "configure")) && !File.Exists(Path.Combine(sourceTree, "meson.build")))
            throw new BuildException(Refusal($"{sourceTree} has no meson.build (QEMU {VersionFileOf(sourceTree)})"));
    }

    static string Refusal(string what) =>
        $"{what}, which predates meson (QEMU {MesonSince}): QEMU's builder configures and builds with meson only; " +
        "give --qemu-source apt:qemu or a QEMU 5.2 or later source";

    static string VersionFileOf(string sourceTree) =>
        File.Exists(Path.Combine(sourceTree, "VERSION")) ? File.ReadAllText(Path.Combine(sourceTree, "VERSION")).Trim() : "of unknown version, no VERSION file";

    static Version? Release(Match match) => match.Success ? Version.Parse(match.Groups[1].Value) : null;

    [GeneratedRegex(@"^v?(\d+\.\d+(?:\.\d+)?)(?:-rc\d+)?$")]
    private static partial Regex GitTag();

    [GeneratedRegex(@"^(?:\d+:)?(\d+\.\d+(?:\.\d+)?)")]
    private static partial Regex DebianVersion();

    [GeneratedRegex(@"^qemu-(\d+\.\d+(?:\.\d+)?)(?:-rc\d+)?\.tar\.")]
    private static partial Regex TarballName();
}
