using SevStack.Components.BuildRoots;
using SevStack.Testing;
using SevStack.Toolkit.Processes;

namespace SevStack.Components.Tests.BuildRoots;

public sealed class BuildRootRunnerTests
{
    static readonly TargetRelease Trixie = TargetReleases.Find("debian-13")!;

    [Fact]
    public async Task A_command_runs_through_bwrap_with_the_root_as_slash_and_shared_folders_at_their_own_paths()
    {
        using var temp = new TempDirectory();
        var root = new BuildRoot(temp.Combine("root"), new BuildRootRecipe(Trixie, Trixie.DefaultMirror!));
        var inner = new RecordingCommandRunner();
        var runner = new BuildRootRunner(inner, root, [temp.Combine("cache"), temp.Combine("repo"), temp.Combine("repo", "artifacts")]);

        await runner.RunAsync(new CommandSpec("make", "-C", temp.Combine("repo", "artifacts", "build"), "-j2")
        {
            WorkingDirectory = temp.Combine("repo"),
            Environment = new Dictionary<string, string?> { ["CCACHE_DIR"] = temp.Combine("cache", "ccache") },
        });

        var wrapped = Assert.Single(inner.Commands);
        Assert.Equal("bwrap", wrapped.Program);
        string[] resolv = File.Exists("/etc/resolv.conf") ? ["--ro-bind", "/etc/resolv.conf", "/etc/resolv.conf"] : [];
        Assert.Equal([
            "--bind", root.Directory, "/", "--proc", "/proc", "--dev", "/dev", .. resolv,
            "--bind", temp.Combine("repo"), temp.Combine("repo"), "--bind", temp.Combine("cache"), temp.Combine("cache"),
            "--chdir", temp.Combine("repo"), "--", "make", "-C", temp.Combine("repo", "artifacts", "build"), "-j2"], wrapped.Arguments);
        Assert.Null(wrapped.WorkingDirectory);
        Assert.True(wrapped.NeedsRoot);
        Assert.Equal(BubblewrapArguments.RootPath, wrapped.Environment["PATH"]);
        Assert.Equal(temp.Combine("cache", "ccache"), wrapped.Environment["CCACHE_DIR"]);
        Assert.True(Directory.Exists(temp.Combine("cache")), "a shared folder that does not exist yet is made before bwrap binds it");
    }

    [Fact]
    public async Task A_secret_variable_stays_out_of_the_logged_line()
    {
        var root = new BuildRoot("/var/tmp/root", new BuildRootRecipe(Trixie, Trixie.DefaultMirror!));
        var inner = new RecordingCommandRunner(isDryRun: true);

        await new BuildRootRunner(inner, root, []).RunAsync(new CommandSpec("ccache", "-s")
        {
            Environment = new Dictionary<string, string?> { ["CCACHE_REMOTE_STORAGE"] = "http://user:pw@cache" },
            SecretVariables = new HashSet<string> { "CCACHE_REMOTE_STORAGE" },
        });

        var line = Assert.Single(inner.CommandLines);
        Assert.DoesNotContain("pw@", line);
        Assert.Contains("CCACHE_REMOTE_STORAGE=****", line);
    }

    [Fact]
    public async Task A_dry_run_prints_the_wrapped_command_and_a_query_in_a_root_not_made_yet_is_only_printed()
    {
        using var temp = new TempDirectory();
        var log = new MemoryBuildLog();
        var dryRun = new DryRunCommandRunner(log, new Privilege(IsRoot: true), new RecordingCommandRunner().Answer("never", 0));
        var root = new BuildRoot(temp.Combine("root"), new BuildRootRecipe(Trixie, Trixie.DefaultMirror!));
        var runner = new BuildRootRunner(dryRun, root, [temp.Path]);

        var query = await runner.RunAsync(new CommandSpec("pkg-config", "--modversion", "slirp") { IsQuery = true });
        await runner.RunAsync(new CommandSpec("apt-get", "install", "-y", "meson"));

        Assert.Equal(0, query.ExitCode);
        Assert.Equal([
            $"would run: [root] env PATH={BubblewrapArguments.RootPath} bwrap --bind {root.Directory} / --proc /proc --dev /dev" +
                (File.Exists("/etc/resolv.conf") ? " --ro-bind /etc/resolv.conf /etc/resolv.conf" : "") + $" --bind {temp.Path} {temp.Path} -- pkg-config --modversion slirp",
            $"would run: [root] env PATH={BubblewrapArguments.RootPath} bwrap --bind {root.Directory} / --proc /proc --dev /dev" +
                (File.Exists("/etc/resolv.conf") ? " --ro-bind /etc/resolv.conf /etc/resolv.conf" : "") + $" --bind {temp.Path} {temp.Path} -- apt-get install -y meson",
        ], log.Lines);
        Assert.False(Directory.Exists(root.Directory));
    }

    [Fact]
    public void Shared_folders_are_bound_once_and_never_inside_one_already_bound()
    {
        Assert.Equal(["/a", "/ab", "/var/tmp/x"], SharedFolders.Outermost(["/a/b", "/var/tmp/x/", "/a", "/ab", "/var/tmp/x/cache", "/a"]));
    }
}
