using SevStack.Engine.Caching;
using SevStack.Engine.Execution;
using SevStack.Engine.Targets;
using SevStack.Testing;
using static SevStack.Engine.Tests.EngineTestKit;

namespace SevStack.Engine.Tests;

/// <summary>Typed outputs handed from producer to consumer by the engine: built now, restored from the cache, or read back after a skip.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class TargetOutputTests
{
    sealed record Firmware(string Image);

    readonly TargetOutput<Firmware> firmware = new("Firmware");

    [Fact]
    public async Task A_consumer_gets_what_its_producer_handed_over_and_depends_on_it()
    {
        string? seen = null;
        var targets = Graph(
            T("Build", d => d.Produces(firmware).Executes(c => c.Produce(firmware, new Firmware("OVMF.fd")))),
            T("Package", d => d.Consumes(firmware).Executes(c => { seen = c.Get(firmware).Image; })));

        var plan = await new EngineTestKit().RunAsync(targets, ["Package"]);

        Assert.Equal(["Build", "Package"], plan.Targets.Select(t => t.Name));
        Assert.Equal("dependency of Package", plan.Reasons[plan.Targets[0]]);
        Assert.Equal("OVMF.fd", seen);
    }

    [Fact]
    public async Task A_skipped_producer_is_read_back_by_its_restore_function_and_without_one_the_consumer_names_it()
    {
        string? seen = null;
        var restoring = Graph(
            T("Build", d => d.Produces(firmware, () => new Firmware("from disk")).Executes(() => throw new InvalidOperationException("must not run"))),
            T("Package", d => d.Consumes(firmware).Executes(c => { seen = c.Get(firmware).Image; })));
        await new EngineTestKit().RunAsync(restoring, ["Package"], new ExecutionOptions { SkippedTargets = new HashSet<ExecutableTarget> { restoring.Find("Build")! } });
        Assert.Equal("from disk", seen);

        var plain = Graph(
            T("Build", d => d.Produces(firmware).Executes(() => { })),
            T("Package", d => d.Consumes(firmware).Executes(c => { seen = c.Get(firmware).Image; })));
        var plan = await new EngineTestKit().RunAsync(plain, ["Package"], new ExecutionOptions { SkippedTargets = new HashSet<ExecutableTarget> { plain.Find("Build")! } });
        var package = plan.Targets.Single(t => t.Name == "Package");
        Assert.Equal(TargetStatus.Failed, package.Status);
        Assert.Contains("Build produced no Firmware in this run and left none to read back: run Build first", package.Error);
    }

    [Fact]
    public async Task An_output_consumed_when_scheduled_orders_without_pulling_its_producer_in()
    {
        var seen = new List<string?>();
        var targets = Graph(
            T("Package", d => d.ConsumesWhenScheduled(firmware).Executes(c => seen.Add(c.Find(firmware)?.Image))),
            T("Build", d => d.Produces(firmware, () => new Firmware("stale")).Executes(c => c.Produce(firmware, new Firmware("fresh")))));

        var alone = await new EngineTestKit().RunAsync(targets, ["Package"]);
        Assert.Equal(["Package"], alone.Targets.Select(t => t.Name));

        var both = await new EngineTestKit().RunAsync(Graph(
            T("Package", d => d.ConsumesWhenScheduled(firmware).Executes(c => seen.Add(c.Find(firmware)?.Image))),
            T("Build", d => d.Produces(firmware, () => new Firmware("stale")).Executes(c => c.Produce(firmware, new Firmware("fresh"))))), ["Package", "Build"]);
        Assert.Equal(["Build", "Package"], both.Targets.Select(t => t.Name));
        Assert.Equal([null, "fresh"], seen);
    }

    [Fact]
    public async Task A_cache_hit_hands_over_the_output_its_restore_function_reads_from_the_restored_folder()
    {
        using var temp = new TempDirectory("sevstack-outputs");
        var folder = temp.Combine("out");
        var runs = 0;
        string? seen = null;
        TargetCollection Targets() => Graph(
            T("Build", d => d
                .Produces(firmware, () => new Firmware(File.ReadAllText(Path.Combine(folder, "name"))))
                .Cacheable(c => c.Input("source", "edk2").Output(folder))
                .Executes(c =>
                {
                    runs++;
                    Directory.CreateDirectory(folder);
                    File.WriteAllText(Path.Combine(folder, "name"), "OVMF.fd");
                    c.Produce(firmware, new Firmware("OVMF.fd"));
                })),
            T("Package", d => d.Consumes(firmware).Executes(c => { seen = c.Get(firmware).Image; })));
        ExecutionOptions Cached() => new() { Cache = new BuildCache(new CacheSettings(temp.Combine("cache"))) };

        await new EngineTestKit().RunAsync(Targets(), ["Package"], Cached());
        Directory.Delete(folder, recursive: true);
        seen = null;
        var second = await new EngineTestKit().RunAsync(Targets(), ["Package"], Cached());

        Assert.Equal(1, runs);
        Assert.Equal(TargetStatus.Cached, second.Targets[0].Status);
        Assert.Equal("OVMF.fd", seen);
    }

    [Fact]
    public void Declarations_that_cannot_hand_an_output_over_are_graph_errors()
    {
        var twice = Assert.Throws<UsageException>(() => Graph(T("A", d => d.Produces(firmware)), T("B", d => d.Produces(firmware))));
        Assert.Equal("Firmware is produced by both A and B", twice.Message);

        var orphan = Assert.Throws<UsageException>(() => Graph(T("Package", d => d.Consumes(firmware))));
        Assert.Equal("Package consumes Firmware, which no target produces", orphan.Message);

        var unrestorable = Assert.Throws<UsageException>(() => Graph(T("Build", d => d.Produces(firmware).Cacheable(c => c.Input("x", "y")))));
        Assert.Equal("Build is Cacheable, so Firmware needs a restore function (.Produces(output, restore))", unrestorable.Message);
    }

    [Fact]
    public async Task Reading_an_output_the_target_did_not_declare_is_refused()
    {
        var targets = Graph(
            T("Build", d => d.Produces(firmware).Executes(c => c.Produce(firmware, new Firmware("x")))),
            T("Package", d => d.DependsOn("Build").Executes(c => c.Get(firmware))));
        var plan = await new EngineTestKit().RunAsync(targets, ["Package"]);
        Assert.Contains("Package reads Firmware without declaring it (.Consumes)", plan.Targets[1].Error);
    }

    [Fact]
    public async Task In_a_dry_run_a_target_whose_body_ran_is_planned_and_its_consumers_still_run_and_find_its_output()
    {
        string? found = null;
        var targets = Graph(
            T("Build", d => d.Produces(firmware).Executes(c => c.Produce(firmware, new Firmware("planned OVMF.fd")))),
            T("Package", d => d.ConsumesWhenScheduled(firmware).DependsOn("Build").Executes(c => { found = c.Find(firmware)?.Image; })));

        var plan = await new EngineTestKit { DryRun = true }.RunAsync(targets, ["Package"]);

        Assert.Equal("Build:Planned, Package:Planned", Statuses(plan));
        Assert.Equal("planned OVMF.fd", found);
        Assert.Equal("Dry run planned in 0:01.0 (nothing was built or changed)",
            Output.SummaryTable.FinalLine(succeeded: true, interrupted: false, TimeSpan.FromSeconds(1), planned: true));
    }
}
