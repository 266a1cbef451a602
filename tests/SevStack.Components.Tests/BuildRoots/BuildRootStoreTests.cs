using SevStack.Components.BuildRoots;
using SevStack.Testing;
using SevStack.Toolkit.Processes;

namespace SevStack.Components.Tests.BuildRoots;

public sealed class BuildRootStoreTests
{
    static readonly BuildRootRecipe Trixie = new(TargetReleases.Find("debian-13")!, "http://deb.debian.org/debian");

    [Fact]
    public async Task A_missing_root_is_debootstrapped_beside_its_place_given_its_own_apt_sources_and_moved_in_when_complete()
    {
        using var cache = new TempDirectory();
        var runner = new RecordingCommandRunner();
        var store = new BuildRootStore(runner, new MemoryBuildLog(), cache.Path);

        var outcome = await store.EnsureAsync(Trixie, CancellationToken.None);

        var root = cache.Combine("build-roots", Trixie.Key);
        Assert.Equal(root, outcome.Root.Directory);
        Assert.True(outcome.Made);
        var commands = runner.Commands;
        Assert.Equal(["debootstrap", "install", "rm", "bwrap", "install", "mv"], commands.Select(c => c.Program));
        Assert.All(commands, c => Assert.True(c.NeedsRoot));
        Assert.Equal([.. Trixie.DebootstrapArguments(root + ".incoming")], commands[0].Arguments);
        Assert.Equal(root + ".incoming" + BuildRootRecipe.SourcesPath, commands[1].Arguments[^1]);
        Assert.Equal(["-f", "--", root + ".incoming/etc/apt/sources.list"], commands[2].Arguments);
        Assert.Equal(["--", "apt-get", "update", "-q"], commands[3].Arguments.SkipWhile(a => a != "--"));
        Assert.Equal(root + ".incoming/" + BuildRoot.StampName, commands[4].Arguments[^1]);
        Assert.Equal(["-T", "--", root + ".incoming", root], commands[5].Arguments);
        Assert.DoesNotContain(commands, c => c.Arguments.Any(a => a.StartsWith("/etc/apt", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_made_root_is_reused_without_a_command_and_an_unstamped_one_is_made_again()
    {
        using var cache = new TempDirectory();
        var runner = new RecordingCommandRunner();
        var store = new BuildRootStore(runner, new MemoryBuildLog(), cache.Path);
        var root = store.For(Trixie);
        Directory.CreateDirectory(root.Directory);
        File.WriteAllText(root.StampPath, Trixie.Identity + "\n");

        var reused = await store.EnsureAsync(Trixie, CancellationToken.None);
        File.WriteAllText(root.StampPath, "build-root 0 an older recipe\n");
        var remade = await store.EnsureAsync(Trixie, CancellationToken.None);

        Assert.False(reused.Made);
        Assert.True(remade.Made);
        Assert.Equal(["rm -rf --one-file-system -- " + root.Directory], runner.CommandLines.Take(1));
        Assert.Contains(runner.Commands, c => c.Program == "debootstrap");
    }

    [Fact]
    public async Task A_root_reading_a_newer_release_gets_the_apt_preferences_that_pin_it_low_before_its_first_update()
    {
        using var cache = new TempDirectory();
        var runner = new RecordingCommandRunner();
        var bullseye = new BuildRootRecipe(TargetReleases.Find("debian-11")!, "http://deb.debian.org/debian");

        await new BuildRootStore(runner, new MemoryBuildLog(), cache.Path).EnsureAsync(bullseye, CancellationToken.None);

        var incoming = cache.Combine("build-roots", bullseye.Key) + ".incoming";
        Assert.Equal(["debootstrap", "install", "install", "rm", "bwrap", "install", "mv"], runner.Commands.Select(c => c.Program));
        Assert.Equal(incoming + BuildRootRecipe.PreferencesPath, runner.Commands[2].Arguments[^1]);
    }
}
