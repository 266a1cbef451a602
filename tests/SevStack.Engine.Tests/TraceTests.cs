using System.Text.Json;
using SevStack.Engine.Hosting;
using SevStack.Toolkit.Processes;
using SevStack.Engine.Targets;
using SevStack.Engine.Tests.Caching;

namespace SevStack.Engine.Tests;

/// <summary>artifacts/reports/trace.json: the Chrome trace event format that Perfetto and chrome://tracing open.</summary>
public sealed class TraceTests : IDisposable
{
    readonly HostTestKit host = new();

    public void Dispose() => host.Dispose();

    sealed record Span(string Name, string Category, long Start, long End, int Pid, int Lane, JsonElement Arguments);

    List<Span> ReadSpans()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(host.Root.Combine("artifacts", "reports", "trace.json")));
        var events = document.RootElement.GetProperty("traceEvents").EnumerateArray().ToList();
        Assert.All(events, e => Assert.Contains(e.GetProperty("ph").GetString(), new[] { "X", "M", "i" }));
        return events.Where(e => e.GetProperty("ph").GetString() == "X").Select(e =>
        {
            var start = e.GetProperty("ts").GetInt64();
            return new Span(e.GetProperty("name").GetString()!, e.GetProperty("cat").GetString()!, start, start + e.GetProperty("dur").GetInt64(),
                e.GetProperty("pid").GetInt32(), e.GetProperty("tid").GetInt32(), e.GetProperty("args").Clone());
        }).ToList();
    }

    [Fact]
    public async Task A_run_writes_a_span_per_target_and_per_command_inside_its_target()
    {
        var (exit, output, _) = await host.RunAsync<SampleBuild>("Compile");

        Assert.Equal(0, exit);
        var spans = ReadSpans();
        Assert.Equal(["Fetch", "Compile", "Report"], spans.Where(s => s.Category == "target").Select(s => s.Name));
        var compile = Assert.Single(spans, s => s.Name == "Compile");
        Assert.Equal("Succeeded", compile.Arguments.GetProperty("status").GetString());
        Assert.Equal("1 file", compile.Arguments.GetProperty("note").GetString());
        var touch = Assert.Single(spans, s => s.Category == "command");
        Assert.Equal("touch", touch.Name);
        Assert.Equal(["touch", host.Root.Combine("compiled")], touch.Arguments.GetProperty("argv").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(0, touch.Arguments.GetProperty("exitCode").GetInt32());
        Assert.InRange(touch.Start, compile.Start, compile.End);
        Assert.InRange(touch.End, touch.Start, compile.End);
        Assert.Equal(compile.Lane, touch.Lane);
        Assert.All(spans, s => Assert.Equal(compile.Pid, s.Pid));
    }

    [Fact]
    public async Task Parallel_targets_are_on_lanes_of_their_own_and_secrets_stay_out()
    {
        var (exit, output, _) = await host.RunAsync<ParallelBuild>("Both", "--parallel", "2", "--token", "s3cret-token");

        Assert.Equal(0, exit);
        var spans = ReadSpans();
        var left = Assert.Single(spans, s => s.Name == "Left");
        var right = Assert.Single(spans, s => s.Name == "Right");
        Assert.True(left.Start < right.End && right.Start < left.End, "the two targets ran at the same time");
        Assert.NotEqual(left.Lane, right.Lane);
        foreach (var target in new[] { left, right })
            Assert.Single(spans, s => s.Category == "command" && s.Start >= target.Start && s.End <= target.End && s.Lane == target.Lane);
        Assert.Equal(["sh", "-c", "sleep 0.3", "sh", "****"], Assert.Single(spans, s => s.Name == "sh").Arguments.GetProperty("argv").EnumerateArray().Select(a => a.GetString()));
        Assert.DoesNotContain("s3cret-token", File.ReadAllText(host.Root.Combine("artifacts", "reports", "trace.json")));
    }

    [Fact]
    public async Task A_cache_hit_is_marked_on_its_target()
    {
        var cache = host.Root.Combine("cache");
        await host.RunAsync<CachedSampleBuild>("PackageDebs", "--cache-dir", cache);
        Assert.Equal("miss", Assert.Single(ReadSpans(), s => s.Name == "BuildKernel").Arguments.GetProperty("cache").GetString());

        var (exit, _, _) = await host.RunAsync<CachedSampleBuild>("PackageDebs", "--cache-dir", cache);

        Assert.Equal(0, exit);
        var spans = ReadSpans();
        var kernel = Assert.Single(spans, s => s.Name == "BuildKernel");
        Assert.Equal("hit", kernel.Arguments.GetProperty("cache").GetString());
        Assert.Equal("Cached", kernel.Arguments.GetProperty("status").GetString());
        Assert.False(Assert.Single(spans, s => s.Name == "PackageDebs").Arguments.TryGetProperty("cache", out _));
    }

    [Fact]
    public async Task A_target_that_did_not_run_is_an_instant_with_its_reason()
    {
        var (exit, _, _) = await host.RunAsync<SampleBuild>("Compile", "--skip", "Fetch");

        Assert.Equal(0, exit);
        using var document = JsonDocument.Parse(File.ReadAllText(host.Root.Combine("artifacts", "reports", "trace.json")));
        var fetch = Assert.Single(document.RootElement.GetProperty("traceEvents").EnumerateArray(), e => e.GetProperty("name").GetString() == "Fetch");
        Assert.Equal("i", fetch.GetProperty("ph").GetString());
        Assert.Equal("Skipped", fetch.GetProperty("args").GetProperty("status").GetString());
        Assert.Equal("via --skip", fetch.GetProperty("args").GetProperty("reason").GetString());
        Assert.DoesNotContain(ReadSpans(), s => s.Name == "Fetch");
    }

    [Fact]
    public async Task A_failing_command_is_on_the_trace_with_its_exit_code()
    {
        var (exit, _, _) = await host.RunAsync<SampleBuild>("Broken");

        Assert.Equal(1, exit);
        var spans = ReadSpans();
        Assert.Equal("Failed", Assert.Single(spans, s => s.Name == "Broken").Arguments.GetProperty("status").GetString());
        Assert.Equal(3, Assert.Single(spans, s => s.Name == "bash").Arguments.GetProperty("exitCode").GetInt32());
    }

    internal sealed class ParallelBuild : BuildBase
    {
        [Parameters.Parameter("A token passed to the tools"), Parameters.Secret]
        public string? Token = null;

        Target Left => _ => _.Executes(async c => await c.Runner.RunAsync(new CommandSpec("sh", "-c", "sleep 0.3", "sh", Token ?? "")));

        Target Right => _ => _.Executes(async c => await c.Runner.RunAsync(new CommandSpec("sleep", "0.3") { WorkingDirectory = Path.GetTempPath() }));

        Target Both => _ => _.DependsOn(Left, Right).Executes(() => { });
    }
}
