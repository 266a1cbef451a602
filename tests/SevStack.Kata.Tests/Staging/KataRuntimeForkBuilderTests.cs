using SevStack.Toolkit;
using SevStack.Toolkit.Processes;
using SevStack.Kata.Staging;
using SevStack.Sources;
using SevStack.Sources.Identity;
using SevStack.Testing;

namespace SevStack.Kata.Tests.Staging;

/// <summary>The 1.x SEV runtime fork: built with make in a GOPATH layout, its binaries staged below opt/kata/bin.</summary>
public sealed class KataRuntimeForkBuilderTests : IDisposable
{
    // Stands in for the fork's Makefile: it checks the GOPATH layout and module mode the real Go build needs.
    const string Makefile = """
        kata-runtime:
        	test "$(CURDIR)" = "$(GOPATH)/src/github.com/kata-containers/runtime"
        	test "$(GO111MODULE)" = off
        	test "$(SKIP_GO_VERSION_CHECK)" = 1
        	printf '#!/bin/sh\necho "kata-runtime  : %s"\n' "$$(cat VERSION)" > $@
        	chmod +x $@

        """;

    readonly TempDirectory temp = new("sevstack-kata-fork");
    static CliWrapCommandRunner Runner() => new(new MemoryBuildLog(), Privilege.Detect());

    public void Dispose() => temp.Dispose();

    FetchedSource Source(string makefile, string? version = "1.1.0")
    {
        temp.WriteFile("src/runtime/Makefile", makefile);
        if (version is not null)
            temp.WriteFile("src/runtime/VERSION", version + "\n");
        return new FetchedSource(temp.Combine("src", "runtime"),
            new SourceIdentity("git", "file:///mirror/runtime.git", "0123456789abcdef0123456789abcdef01234567", null, [], new DateTimeOffset(2019, 11, 4, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public async Task The_fork_is_built_in_a_gopath_and_kata_runtime_is_staged_in_opt_kata_bin()
    {
        var source = Source(Makefile);

        var staging = await new KataRuntimeForkBuilder(Runner(), new MemoryBuildLog()).BuildAsync(source, temp.Combine("build"), temp.Combine("staging"), jobs: 2);

        Assert.NotNull(staging);
        Assert.Equal("1.1.0", staging.Version);
        Assert.Equal(KataGeneration.V1, staging.Generation);
        Assert.Equal(source.Identity, staging.Source);
        var binary = temp.Combine("staging", "opt", "kata", "bin", "kata-runtime");
        Assert.Equal(["kata-runtime"], Directory.GetFileSystemEntries(Path.GetDirectoryName(binary)!).Select(Path.GetFileName));
        var run = await Runner().RunAsync(new CommandSpec(binary));
        Assert.Equal("kata-runtime  : 1.1.0\n", run.StandardOutput);
        Assert.False(File.Exists(temp.Combine("src", "runtime", "kata-runtime")), "make must run in the GOPATH copy, not in the fetched tree");
    }

    [Fact]
    public async Task Without_a_VERSION_file_the_version_is_a_dated_snapshot_of_the_commit()
    {
        var source = Source("kata-runtime:\n\tprintf '#!/bin/sh\\n' > $@\n", version: null);

        var staging = await new KataRuntimeForkBuilder(Runner(), new MemoryBuildLog()).BuildAsync(source, temp.Combine("build"), temp.Combine("staging"), jobs: 1);

        Assert.Equal("0~20191104.01234567", staging!.Version);
    }

    [Fact]
    public async Task A_tree_whose_make_leaves_no_kata_runtime_is_named()
    {
        var source = Source("all:\n\ttrue\n");
        var gopathTree = temp.Combine("build", "gopath", "src", "github.com", "kata-containers", "runtime");

        var error = await Assert.ThrowsAsync<BuildException>(() => new KataRuntimeForkBuilder(Runner(), new MemoryBuildLog()).BuildAsync(source, temp.Combine("build"), temp.Combine("staging"), jobs: 1));

        Assert.Equal($"make in {gopathTree} finished but left no kata-runtime there; check that --kata-runtime-source names the SEV runtime fork (the kata-containers/runtime 1.x tree), not another repository", error.Message);
        Assert.False(Directory.Exists(temp.Combine("staging")));
    }

    [Fact]
    public void Without_a_source_the_error_says_the_fork_is_gone_and_names_the_parameter()
    {
        var error = Assert.Throws<BuildException>(() => KataRuntimeFork.RequireSource(null));

        Assert.DoesNotContain('\n', error.Message);
        Assert.StartsWith("Kata 1.x needs AMD's SEV runtime fork, but AMDESE/runtime (branch sev-v1.1.0) no longer exists upstream; point --kata-runtime-source at a mirror of it", error.Message, StringComparison.Ordinal);
        Assert.Equal("git+file:///m.git#sev-v1.1.0", KataRuntimeFork.RequireSource("git+file:///m.git#sev-v1.1.0"));
    }

    [Fact]
    public void Go_code_in_the_tree_asks_for_golang_go()
    {
        temp.WriteFile("plain/Makefile", "all:\n");
        temp.WriteFile("go/Makefile", "all:\n");
        temp.WriteFile("go/cli/main.go", "package main\n");

        Assert.Equal(["make"], KataRuntimeForkBuilder.RequiredPackages(temp.Combine("plain")));
        Assert.Equal(["make", "golang-go"], KataRuntimeForkBuilder.RequiredPackages(temp.Combine("go")));
    }

    [Fact]
    public async Task A_dry_run_prints_the_make_command_and_changes_nothing()
    {
        var source = Source(Makefile);
        var runner = new RecordingCommandRunner(isDryRun: true);
        var log = new MemoryBuildLog();

        var staging = await new KataRuntimeForkBuilder(runner, log).BuildAsync(source, temp.Combine("build"), temp.Combine("staging"), jobs: 2);

        Assert.Null(staging);
        Assert.Empty(runner.CommandLines);
        Assert.Contains(log.Lines, l => l.Contains("GO111MODULE=off", StringComparison.Ordinal) && l.Contains("make -C ", StringComparison.Ordinal));
        Assert.False(Directory.Exists(temp.Combine("build")));
    }
}
