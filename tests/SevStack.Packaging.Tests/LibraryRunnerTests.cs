using SevStack.Packaging.Inputs;
using SevStack.Testing;
using SevStack.Toolkit.Processes;

namespace SevStack.Packaging.Tests;

/// <summary>
/// Packages for another release (--build-release): dpkg-shlibdeps, which reads the system's libraries and shlibs files,
/// runs through the library runner (the build root's); everything else stays on this machine's runner.
/// </summary>
public sealed class LibraryRunnerTests
{
    const string ReleaseDepends = "libc6 (>= 2.14), libfdt1 (>= 1.4.2)";

    [Fact]
    public async Task Dpkg_shlibdeps_runs_through_the_library_runner_and_its_answer_is_the_package_s_depends()
    {
        using var fixture = await StagedTreeFixture.CreateAsync(InstallPrefix.OptSevStack);
        using var output = new TempDirectory("sevstack-debs");
        var machine = new Recorder(Tools.Runner());
        var release = new ScriptedCommandRunner(new Dictionary<string, Func<CommandSpec, CommandResult>>
        {
            ["dpkg-shlibdeps"] = spec => ScriptedCommandRunner.Output(spec.Arguments.Skip(1).All(a => a.StartsWith("-e", StringComparison.Ordinal) && File.Exists(a[2..]))
                ? $"shlibs:Depends={ReleaseDepends}\n" : "", spec.Arguments.Count > 1 ? 0 : 2),
        });

        var record = await new DebPackageBuilder(machine, release).BuildAsync(StagedTreeFixture.Spec(fixture.Staging(), InstallPrefix.OptSevStack), output.Path);

        var shlibdeps = Assert.Single(release.Calls);
        Assert.Equal("-O", shlibdeps.Arguments[0]);
        Assert.Contains(shlibdeps.Arguments, a => a.EndsWith("/opt/sevstack/bin/sevstack-hello", StringComparison.Ordinal));
        Assert.DoesNotContain("dpkg-shlibdeps", machine.Programs);
        Assert.Contains("dpkg-deb", machine.Programs);
        var info = await Tools.Output("dpkg-deb", "--field", output.Combine(record.File), "Depends");
        Assert.Equal(ReleaseDepends, info.Trim());
    }

    [Fact]
    public async Task The_pipeline_hands_its_library_runner_to_every_package_it_builds()
    {
        using var fixture = await StagedTreeFixture.CreateAsync(InstallPrefix.OptSevStack);
        using var artifacts = new TempDirectory("sevstack-artifacts");
        var release = new Recorder(Tools.Runner());
        var request = new PackageDebsRequest(artifacts.Path, [StagedTreeFixture.Spec(fixture.Staging(), InstallPrefix.OptSevStack)], []);

        await new PackageDebsPipeline(Tools.Runner(), new MemoryBuildLog(), release).RunAsync(request);

        Assert.Equal(["dpkg-shlibdeps"], release.Programs);
    }

    /// <summary>Runs each command through the real runner and remembers its program.</summary>
    sealed class Recorder(ICommandRunner inner) : ICommandRunner
    {
        readonly List<string> programs = [];

        public IReadOnlyList<string> Programs => programs;

        public bool IsDryRun => inner.IsDryRun;

        public Task<CommandResult> RunAsync(CommandSpec spec, CancellationToken cancellationToken = default)
        {
            programs.Add(spec.Program);
            return inner.RunAsync(spec, cancellationToken);
        }
    }
}
