using SevStack.Components.BuildRoots;

namespace SevStack.Components.Tests.BuildRoots;

public sealed class BuildRootRecipeTests
{
    static TargetRelease Release(string name) => TargetReleases.Find(name)!;

    [Fact]
    public void The_key_names_the_suite_and_differs_per_release_and_mirror_but_not_between_runs()
    {
        var trixie = new BuildRootRecipe(Release("debian-13"), "http://deb.debian.org/debian");

        Assert.StartsWith("trixie-", trixie.Key);
        Assert.Equal(trixie.Key, new BuildRootRecipe(Release("debian-13"), "http://deb.debian.org/debian").Key);
        Assert.NotEqual(trixie.Key, new BuildRootRecipe(Release("debian-12"), "http://deb.debian.org/debian").Key);
        Assert.NotEqual(trixie.Key, new BuildRootRecipe(Release("debian-13"), "http://mirror.example.org/debian").Key);
        Assert.Contains("debian-13 trixie http://deb.debian.org/debian", trixie.Identity);
        Assert.Contains($"build-root {BuildRootRecipe.Version} ", trixie.Identity);
    }

    [Fact]
    public void The_root_gets_deb_and_deb_src_entries_of_its_release_only()
    {
        var recipe = new BuildRootRecipe(Release("debian-13"), "http://mirror.example.org/debian");

        Assert.EndsWith(
            "\nTypes: deb deb-src\nURIs: http://mirror.example.org/debian\nSuites: trixie trixie-updates\nComponents: main\n" +
            "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n", recipe.SourcesText);
        Assert.Single(recipe.SourcesText.Split("Types:")[1..]);
        Assert.Null(recipe.PreferencesText);
        Assert.DoesNotContain("newer:", recipe.Identity);
        Assert.Equal(["--variant=minbase", "--include=dpkg-dev", "--keyring=/usr/share/keyrings/debian-archive-keyring.gpg", "trixie", "/r", "http://mirror.example.org/debian"],
            recipe.DebootstrapArguments("/r"));
    }

    [Fact]
    public void Bullseye_s_root_also_reads_bookworm_pinned_at_100_for_the_debian_profile_s_sources_and_meson()
    {
        var recipe = new BuildRootRecipe(Release("debian-11"), "http://mirror.example.org/debian");

        Assert.Equal(
            "# Written by SevStack: the apt sources of this build root only (the machine's own apt is not changed).\n" +
            "Types: deb deb-src\nURIs: http://mirror.example.org/debian\nSuites: bullseye bullseye-updates\nComponents: main\n" +
            "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n\n" +
            "Types: deb deb-src\nURIs: http://mirror.example.org/debian\nSuites: bookworm bookworm-updates\nComponents: main\n" +
            "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n", recipe.SourcesText);
        Assert.Equal(
            "# Written by SevStack: the newer release's packages only when asked for by version.\n" +
            "Package: *\nPin: release n=bookworm\nPin-Priority: 100\n\nPackage: *\nPin: release n=bookworm-updates\nPin-Priority: 100\n",
            recipe.PreferencesText);
        Assert.EndsWith(" newer:bookworm,bookworm-updates", recipe.Identity);
        var meson = Assert.Single(Release("debian-11").PinnedTools);
        Assert.Equal("meson=1.0.1-5", meson.Pin);
        Assert.Empty(Release("debian-13").PinnedTools);
    }

    [Fact]
    public void Releases_are_named_by_distribution_and_version()
    {
        Assert.Equal("debian-11, debian-12, debian-13, ubuntu-18.04, ubuntu-20.04, ubuntu-22.04, ubuntu-24.04", TargetReleases.Names);
        Assert.Equal(["bionic", "focal", "jammy", "noble"], TargetReleases.All.Where(r => r.Name.StartsWith("ubuntu-", StringComparison.Ordinal)).Select(r => r.Suite));
        Assert.All(TargetReleases.All.Where(r => r.Name.StartsWith("ubuntu-", StringComparison.Ordinal)), r => Assert.Null(r.DefaultMirror));
        Assert.Equal("trixie", Release("debian-13").Suite);
        Assert.Null(TargetReleases.Find("trixie"));
    }
}
