using SevStack.Engine.Caching;

namespace SevStack.Components.BuildRoots;

/// <summary>
/// How a build root is made: <c>debootstrap --variant=minbase</c> of the release's suite from <paramref name="Mirror"/>
/// with <see cref="IncludedPackages"/>, and the release's deb and deb-src entries as its only apt sources. One root is
/// kept per (suite, mirror, <see cref="Version"/>); anything that changes what the steps make bumps the version.
/// </summary>
public sealed record BuildRootRecipe(TargetRelease Release, string Mirror)
{
    public const string Version = "1";

    /// <summary>dpkg-dev unpacks source packages (dpkg-source) and finds library dependencies (dpkg-shlibdeps) inside the root.</summary>
    public static IReadOnlyList<string> IncludedPackages { get; } = ["dpkg-dev"];

    /// <summary>The one apt sources file of the root, at <see cref="SourcesPath"/> inside it.</summary>
    public const string SourcesPath = "/etc/apt/sources.list.d/sevstack-build-root.sources";

    /// <summary>The folder name of the root under the cache: the suite and a hash of everything that makes it.</summary>
    public string Key => $"{Release.Suite}-{FileHashes.Sha256Text(Identity)[..16]}";

    /// <summary>What the key hashes, also recorded in the root's stamp and in the cache keys of builds that use it.</summary>
    public string Identity => $"build-root {Version} {Release.Name} {Release.Suite} {Mirror} {string.Join(',', IncludedPackages)}" +
        (Release.NewerSuites.Count > 0 ? $" newer:{string.Join(',', Release.NewerSuites)}" : "");

    public string SourcesText =>
        "# Written by SevStack: the apt sources of this build root only (the machine's own apt is not changed).\n" + Stanza(Release.Suites) +
        (Release.NewerSuites.Count > 0 ? "\n" + Stanza(Release.NewerSuites) : "");

    /// <summary>The apt preferences file of a root with <see cref="TargetRelease.NewerSuites"/>, at <see cref="PreferencesPath"/>; null without.</summary>
    public const string PreferencesPath = "/etc/apt/preferences.d/sevstack-build-root.pref";

    /// <summary>Each newer suite at priority 100 (as backports): taken only when asked for by version or offered by no other suite.</summary>
    public string? PreferencesText => Release.NewerSuites.Count == 0 ? null
        : "# Written by SevStack: the newer release's packages only when asked for by version.\n" +
          string.Join("\n", Release.NewerSuites.Select(suite => $"Package: *\nPin: release n={suite}\nPin-Priority: 100\n"));

    string Stanza(IEnumerable<string> suites) =>
        $"Types: deb deb-src\nURIs: {Mirror}\nSuites: {string.Join(' ', suites)}\nComponents: {Release.Components}\nSigned-By: {Release.Keyring}\n";

    /// <summary>The debootstrap command that makes the root in <paramref name="directory"/>.</summary>
    public IReadOnlyList<string> DebootstrapArguments(string directory) =>
        ["--variant=minbase", "--include=" + string.Join(',', IncludedPackages), "--keyring=" + Release.Keyring, Release.Suite, directory, Mirror,
            .. Release.DebootstrapScript is { } script ? [script] : Array.Empty<string>()];
}
