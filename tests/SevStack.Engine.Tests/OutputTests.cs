using System.Text.RegularExpressions;
using SevStack.Engine.Output;
using SevStack.Engine.Targets;
using SevStack.Testing;

namespace SevStack.Engine.Tests;

public partial class OutputTests : IDisposable
{
    readonly HostTestKit host = new();

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task Help_lists_targets_parameters_with_their_source_and_options()
    {
        host.Root.WriteFile(".nuke/parameters.json", """{ "Jobs": 8 }""");
        host.Environment["SEVSTACK_FLAVOUR"] = "kata-guest";

        var (exit, output, _) = await host.RunAsync<SampleBuild>("--help", "--api-token", "hidden");

        Assert.Equal(0, exit);
        Approved.Verify(output, "help");
        Assert.True(File.Exists(host.Root.Combine(".nuke", "build.schema.json")));
    }

    [Fact]
    public async Task Help_renders_the_schema_again_only_when_the_build_program_is_newer_than_it()
    {
        var schema = host.Root.Combine(".nuke", "build.schema.json");
        host.Root.WriteFile(".nuke/build.schema.json", "{ \"stale\": true }\n");
        File.SetLastWriteTimeUtc(schema, new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        Assert.Equal(0, (await host.RunAsync<SampleBuild>("--help")).ExitCode);
        var rendered = File.ReadAllText(schema);
        Assert.Contains("\"KernelConfig\"", rendered);
        Assert.True(File.GetLastWriteTimeUtc(schema) >= File.GetLastWriteTimeUtc(typeof(SampleBuild).Assembly.Location));

        File.WriteAllText(schema, "{ \"edited after the build\": true }\n");
        Assert.Equal(0, (await host.RunAsync<SampleBuild>("--help")).ExitCode);
        Assert.Equal("{ \"edited after the build\": true }\n", File.ReadAllText(schema));
    }

    [Fact]
    public async Task Plan_shows_order_and_reasons()
    {
        var (exit, output, _) = await host.RunAsync<SampleBuild>("Publish", "--plan");

        Assert.Equal(0, exit);
        Approved.Verify(output, "plan");
    }

    [Fact]
    public async Task Plan_mermaid_draws_each_edge_kind()
    {
        var (exit, output, _) = await host.RunAsync<SampleBuild>("Publish", "--plan", "mermaid");

        Assert.Equal(0, exit);
        Approved.Verify(output, "plan-mermaid");
    }

    [Fact]
    public async Task A_run_prints_banners_a_summary_and_a_final_line()
    {
        var (exit, output, build) = await host.RunAsync<SampleBuild>("Compile", "--kernel-config", "tinyconfig");

        Assert.Equal(0, exit);
        Assert.Equal(["Fetch", "Compile", "Report"], build.Ran);
        Assert.Equal("config=tinyconfig\n", File.ReadAllText(host.Root.Combine("config.txt")));
        Approved.Verify(MaskVariable(output), "run");
    }

    [Fact]
    public async Task The_summary_of_a_run_whose_output_is_no_terminal_fits_80_columns()
    {
        var note = string.Join(' ', Enumerable.Repeat("a long note that a failing tool could print", 8));

        var (exit, output, _) = await host.RunAsync<SampleBuild>("Compile", "--compile-note", note);

        Assert.Equal(0, exit);
        var summary = output.Split('\n').SkipWhile(l => !l.Contains("Target", StringComparison.Ordinal)).TakeWhile(l => !l.StartsWith("Build ", StringComparison.Ordinal)).ToList();
        Assert.Contains(summary, l => l.Contains("Compile", StringComparison.Ordinal));
        Assert.All(summary, line => Assert.True(line.TrimEnd().Length <= 80, $"{line.Length} columns: {line}"));
        Assert.Contains("failing tool could print", string.Concat(summary));
    }

    [Fact]
    public async Task A_dry_run_prints_commands_and_diffs_and_changes_nothing()
    {
        host.Root.WriteFile("config.txt", "config=defconfig\n");

        var (exit, output, _) = await host.RunAsync<SampleBuild>("Compile", "--dry-run", "--kernel-config", "tinyconfig");

        Assert.Equal(0, exit);
        Assert.False(File.Exists(host.Root.Combine("compiled")));
        Assert.Equal("config=defconfig\n", File.ReadAllText(host.Root.Combine("config.txt")));
        Approved.Verify(MaskVariable(output), "dry-run");
    }

    [Fact]
    public async Task A_failed_requirement_stops_before_anything_runs()
    {
        var (exit, output, build) = await host.RunAsync<SampleBuild>("Publish");

        Assert.Equal(2, exit);
        Assert.Empty(build.Ran);
        Assert.Equal("error: Target Publish requires: --api-token (give it on the command line, as SEVSTACK_API_TOKEN or in a parameter file)", output.Trim());
    }

    [Fact]
    public async Task A_failing_tool_is_reported_with_command_exit_code_output_tail_and_log_without_a_stack_trace()
    {
        var (exit, output, _) = await host.RunAsync<SampleBuild>("Broken", "Report");

        Assert.Equal(1, exit);
        var log = host.Root.Combine("artifacts", "logs", "Broken.log");
        Assert.Contains("Broken failed: 'bash -c 'for i in $(seq 30); do echo line$i; done; exit 3'' exited with code 3", output);
        Assert.Contains("  last 20 lines of output:\n    line11\n", output);
        Assert.Contains("    line30\n  full log: " + log, output);
        Assert.DoesNotContain("line10\n", output);
        Assert.DoesNotContain("   at ", output);
        Assert.Contains("Broken failed: ", output.Split("Errors and warnings:")[1]);
        Assert.Matches(@"Report\s+NotRun\s+// an earlier target failed", output);
        Assert.EndsWith("Build failed after", output.Trim()[..^6].TrimEnd());
        Assert.Contains("line1\n", File.ReadAllText(log));
    }

    [Fact]
    public void Summary_table_has_status_duration_share_and_note()
    {
        var a = new ExecutableTarget("FetchQemu", 0) { Status = TargetStatus.Cached, Duration = TimeSpan.FromSeconds(1), Note = "cache hit 1a2b3c4d" };
        var b = new ExecutableTarget("BuildQemu", 1) { Status = TargetStatus.Failed, Duration = TimeSpan.FromSeconds(3), Error = "'make' exited with code 2\n  more" };
        var c = new ExecutableTarget("PackageDebs", 2) { Status = TargetStatus.NotRun, Reason = "because BuildQemu failed" };
        var d = new ExecutableTarget("CheckHost", 3) { Status = TargetStatus.Skipped, Reason = "via --skip" };

        var text = TextRendering.ToText(SummaryTable.Build([a, b, c, d], TimeSpan.FromSeconds(4.2)));

        Approved.Verify(text, "summary");
    }

    /// <summary>Durations, the temporary root and the log folder differ per run.</summary>
    string MaskVariable(string output) =>
        Spaces().Replace(Duration().Replace(output.Replace(host.Root.Path, "<root>", StringComparison.Ordinal), "<t>"), " ");

    [GeneratedRegex(" {2,}")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\d+:\d\d(\.\d)?|\d+%")]
    private static partial Regex Duration();
}
