using SevStack.Build.Modules.Toolchain;
using SevStack.Components.BuildRoots;
using SevStack.Testing;

namespace SevStack.Build.Tests;

/// <summary>--build-release: checked before anything runs, and what it adds to the keys of the builds in its root.</summary>
public sealed class BuildReleaseTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_unknown_release_is_one_line_and_exit_2_before_anything_runs(bool native)
    {
        using var repository = new TempDirectory("sevstack-build-release");

        var (exit, output) = await BuildProgram.RunIsolated(repository, native, "BuildQemu", "--build-release", "trixie", "--cache-dir", repository.Combine("cache"));

        Assert.Equal(2, exit);
        Assert.Single(output.TrimEnd('\n').Split('\n'));
        Assert.Contains("--build-release", output);
        Assert.Contains("expects one of debian-11, debian-12, debian-13", output);
        Assert.False(Directory.Exists(repository.Combine("cache")));
        Assert.False(Directory.Exists(repository.Combine("artifacts")));
    }

    [Fact]
    public async Task A_dry_run_prints_the_root_s_debootstrap_and_the_build_s_commands_wrapped_in_bwrap()
    {
        using var repository = new TempDirectory("sevstack-build-release");
        var cache = repository.Combine("cache");

        var (exit, output) = await BuildProgram.RunIsolated(repository, "BuildQemu", "--build-release", "debian-11", "--cache-dir", cache, "--dry-run", "--no-color");

        Assert.True(exit == 0, output);
        var recipe = new BuildRootRecipe(TargetReleases.Find("debian-11")!, "http://deb.debian.org/debian");
        var root = Path.Combine(cache, "build-roots", recipe.Key);
        Assert.Contains($"debootstrap --variant=minbase --include=dpkg-dev --keyring=/usr/share/keyrings/debian-archive-keyring.gpg bullseye {root}.incoming http://deb.debian.org/debian", output);
        Assert.Contains($"bwrap --bind {root} / --proc /proc --dev /dev", output);
        Assert.Contains($"--bind {repository.Path} {repository.Path} ", output);
        Assert.DoesNotContain($"--bind {cache} ", output);
        Assert.Matches(@"bwrap .* -- apt-get -o DPkg::Lock::Timeout=1800 source --download-only qemu", output);
        Assert.Matches(@"bwrap .* -- make -C \S+/qemu-host -j\d+ qemu-system-x86_64", output);
        Assert.False(Directory.Exists(root));
    }

    /// <summary>Ubuntu releases go through the same code path: debootstrap of the suite from the mirror the user names, with Ubuntu's keyring.</summary>
    [Theory]
    [InlineData("ubuntu-18.04", "bionic", "")]
    [InlineData("ubuntu-20.04", "focal", "")]
    [InlineData("ubuntu-22.04", "jammy", "")]
    [InlineData("ubuntu-24.04", "noble", " /usr/share/debootstrap/scripts/gutsy")]
    public async Task An_Ubuntu_release_is_debootstrapped_from_the_named_mirror_with_Ubuntus_keyring(string release, string suite, string script)
    {
        using var repository = new TempDirectory("sevstack-build-release");
        var cache = repository.Combine("cache");
        const string Mirror = "http://mirror.example.org/ubuntu";

        var (exit, output) = await BuildProgram.RunIsolated(repository, "BuildQemu", "--build-release", release, "--build-root-mirror", Mirror,
            "--cache-dir", cache, "--dry-run", "--no-color");

        Assert.True(exit == 0, output);
        var recipe = new BuildRootRecipe(TargetReleases.Find(release)!, Mirror);
        var root = Path.Combine(cache, "build-roots", recipe.Key);
        Assert.StartsWith(suite + "-", recipe.Key);
        Assert.Contains($"debootstrap --variant=minbase --include=dpkg-dev --keyring=/usr/share/keyrings/ubuntu-archive-keyring.gpg {suite} {root}.incoming {Mirror}{script}\n", output);
        Assert.Equal($"Types: deb deb-src\nURIs: {Mirror}\nSuites: {suite} {suite}-updates\nComponents: main universe\nSigned-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg\n",
            recipe.SourcesText[(recipe.SourcesText.IndexOf('\n') + 1)..]);
        Assert.Matches(@"bwrap .* -- apt-get -o DPkg::Lock::Timeout=1800 source --download-only qemu", output);
        Assert.False(Directory.Exists(root));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_Ubuntu_release_without_a_mirror_is_one_line_and_exit_2_naming_the_flag(bool native)
    {
        using var repository = new TempDirectory("sevstack-build-release");

        var (exit, output) = await BuildProgram.RunIsolated(repository, native, "BuildQemu", "--build-release", "ubuntu-22.04", "--cache-dir", repository.Combine("cache"));

        Assert.Equal(2, exit);
        Assert.Equal("error: Target PrepareBuildRoot requires: --build-release ubuntu-22.04 has no default mirror: name the jammy archive its build root is " +
            "debootstrapped from with --build-root-mirror (e.g. http://archive.ubuntu.com/ubuntu)", output.Trim());
        Assert.True(KernelConfigParameterTests.NothingRan(repository), output);
    }

    [Fact]
    public async Task For_debian_11_only_qemu_is_built_in_the_root_so_only_its_source_comes_through_the_root_s_apt()
    {
        using var repository = new TempDirectory("sevstack-build-release");
        var cache = repository.Combine("cache");

        var (exit, output) = await BuildProgram.RunIsolated(repository, "FetchKernel", "FetchQemu", "FetchOvmf", "--allow-old-edk2",
            "--build-release", "debian-11", "--cache-dir", cache, "--dry-run", "--no-color");

        Assert.True(exit == 0, output);
        string Section(string target) => output.Split("── " + target + " ")[1].Split("\n── ")[0];
        Assert.Matches(@"bwrap .* -- apt-get -o DPkg::Lock::Timeout=1800 source --download-only qemu", Section("FetchQemu"));
        var edk2 = Section("FetchOvmf");
        Assert.Contains("apt-get -o DPkg::Lock::Timeout=1800 source --download-only edk2", edk2);
        Assert.DoesNotContain("bwrap", edk2);
        Assert.DoesNotContain("bwrap", Section("FetchKernel"));
    }

    const string Installed = "Status: install ok installed\n";

    [Fact]
    public void The_key_input_differs_per_release_and_follows_the_versions_of_the_build_s_packages_and_their_dependencies_only()
    {
        using var cache = new TempDirectory("sevstack-build-release");
        BuildRoot Made(string release)
        {
            var recipe = new BuildRootRecipe(TargetReleases.Find(release)!, "http://deb.debian.org/debian");
            var root = new BuildRoot(cache.Combine(recipe.Key), recipe);
            Directory.CreateDirectory(root.Map("/var/lib/dpkg"));
            File.WriteAllText(root.StampPath, recipe.Identity);
            return root;
        }
        void Status(BuildRoot root, string ninjaVersion, string extra = "") => File.WriteAllText(root.Map("/var/lib/dpkg/status"),
            $"Package: meson\n{Installed}Version: 1.7.0-1\nDepends: python3, ninja-build (>= 1.8.2)\n\n" +
            $"Package: ninja-build\n{Installed}Version: {ninjaVersion}\n\n" +
            $"Package: python3\n{Installed}Version: 3.13.5-1\n\n" + extra);
        var trixie = Made("debian-13");
        var bookworm = Made("debian-12");
        Status(trixie, "1.12.1-1");
        Status(bookworm, "1.12.1-1");
        string[] packages = ["meson"];

        var before = BuildRootChoice.KeyInput(trixie, packages);
        Status(trixie, "1.12.1-1", $"Package: linux-source-6.12\n{Installed}Version: 6.12.117-1\n");
        var unrelatedAdded = BuildRootChoice.KeyInput(trixie, packages);
        Status(trixie, "1.13.0-1");

        Assert.Null(BuildRootChoice.KeyInput(null, packages));
        Assert.StartsWith(trixie.Recipe.Identity + " packages:sha256:", before);
        Assert.NotEqual(before, BuildRootChoice.KeyInput(bookworm, packages));
        Assert.Equal(before, unrelatedAdded);
        Assert.NotEqual(before, BuildRootChoice.KeyInput(trixie, packages));
    }
}
