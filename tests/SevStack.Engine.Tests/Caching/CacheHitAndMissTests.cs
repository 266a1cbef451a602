using SevStack.Engine.Caching;
using SevStack.Engine.Execution;
using SevStack.Engine.Targets;
using static SevStack.Engine.Tests.EngineTestKit;

namespace SevStack.Engine.Tests.Caching;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class CacheHitAndMissTests : IDisposable
{
    readonly CacheFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    [Fact]
    public async Task Same_inputs_restore_every_output_without_running_a_body()
    {
        var (first, _, _) = await fixture.RunAsync();
        Assert.Equal(["BuildKernel", "BuildQemu", "PackageDebs"], fixture.Ran);
        Assert.Equal("BuildKernel:Succeeded, BuildQemu:Succeeded, PackageDebs:Succeeded", Statuses(first));
        var image = File.ReadAllText(fixture.Output("kernel", "image"));
        Directory.Delete(fixture.Output(), recursive: true);

        var (second, cache, _) = await fixture.RunAsync();

        Assert.Empty(fixture.Ran);
        Assert.Equal("BuildKernel:Cached, BuildQemu:Cached, PackageDebs:Cached", Statuses(second));
        Assert.All(second.Targets, t => Assert.Matches("^cache hit [0-9a-f]{8}$", t.Note));
        Assert.Equal(cache.Outcomes.Single(o => o.Target == "BuildKernel").ShortKey, second.Targets[0].Note![^8..]);
        Assert.Equal(image, File.ReadAllText(fixture.Output("kernel", "image")));
        Assert.Equal("image", new FileInfo(fixture.Output("kernel", "current")).LinkTarget);
        Assert.True(File.GetUnixFileMode(fixture.Output("kernel", "bin", "tool")).HasFlag(UnixFileMode.UserExecute));
        Assert.True(File.Exists(fixture.Output("debs", "stack.deb")));
    }

    public static TheoryData<string, string[]> Changes => new()
    {
        { "source", ["BuildKernel", "PackageDebs"] },
        { "one patch", ["BuildKernel", "PackageDebs"] },
        { "patch order", ["BuildKernel", "PackageDebs"] },
        { "patch line endings only", [] },
        { "config option", ["BuildKernel", "PackageDebs"] },
        { "parameter", ["BuildKernel", "PackageDebs"] },
        { "kernel toolchain", ["BuildKernel", "PackageDebs"] },
        { "qemu toolchain", ["BuildQemu", "PackageDebs"] },
        { "qemu source", ["BuildQemu", "PackageDebs"] },
        { "tool output after the first line", [] },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task Each_kind_of_input_change_reruns_exactly_the_affected_chain(string change, string[] expected)
    {
        await fixture.RunAsync();
        switch (change)
        {
            case "source": fixture.Write("src/linux.tar", "linux 6.13"); break;
            case "one patch": fixture.Write("patches/0002-snp.patch", "+snp v2\n"); break;
            case "patch order": fixture.Patches.Reverse(); break;
            case "patch line endings only": fixture.Write("patches/0001-sev.patch", "+sev\n"); break;
            case "config option": fixture.Write("src/.config", "CONFIG_AMD_MEM_ENCRYPT=y\nCONFIG_KVM_AMD_SEV=y\n"); break;
            case "parameter": fixture.Flavour = "kata-guest"; break;
            case "kernel toolchain": fixture.Write("tools/cc", "cc (Debian 14.3.0) 14.3.0\nCopyright\n"); break;
            case "qemu toolchain": fixture.Write("tools/ninja", "1.13.0\n"); break;
            case "qemu source": fixture.QemuSource = "qemu 9.2.0 @ 4567cdef"; break;
            case "tool output after the first line": fixture.Write("tools/cc", "cc (Debian 14.2.0) 14.2.0\nCopyright 2025\n"); break;
        }

        var (plan, _, _) = await fixture.RunAsync();

        Assert.Equal(expected, fixture.Ran);
        Assert.All(plan.Targets, t => Assert.Equal(expected.Contains(t.Name) ? TargetStatus.Succeeded : TargetStatus.Cached, t.Status));
    }

    [Fact]
    public async Task Going_back_to_earlier_inputs_hits_the_earlier_entry()
    {
        await fixture.RunAsync();
        fixture.Flavour = "kata-guest";
        await fixture.RunAsync();
        fixture.Flavour = "host";

        var (plan, _, _) = await fixture.RunAsync();

        Assert.Empty(fixture.Ran);
        Assert.Equal("BuildKernel:Cached, BuildQemu:Cached, PackageDebs:Cached", Statuses(plan));
        Assert.Equal(2, new CacheStore(fixture.CacheDirectory).Entries("BuildKernel").Count);
    }

    [Fact]
    public async Task Rebuild_runs_the_named_target_and_its_unchanged_key_keeps_dependents_cached()
    {
        await fixture.RunAsync();

        var (plan, cache, _) = await fixture.RunAsync("BuildQemu");

        Assert.Equal(["BuildQemu"], fixture.Ran);
        Assert.Equal("BuildKernel:Cached, BuildQemu:Succeeded, PackageDebs:Cached", Statuses(plan));
        Assert.Equal(["forced by --rebuild"], cache.Outcomes.Single(o => o.Target == "BuildQemu").Reasons);
        Assert.Single(new CacheStore(fixture.CacheDirectory).Entries("BuildQemu"));
    }

    [Fact]
    public async Task A_miss_notes_the_fields_that_changed()
    {
        await fixture.RunAsync();
        fixture.Write("src/.config", "CONFIG_AMD_MEM_ENCRYPT=n\n");

        var (plan, _, _) = await fixture.RunAsync();

        Assert.Matches("^cache miss [0-9a-f]{8}: inputs.config$", plan.Targets[0].Note);
        Assert.Matches("^cache miss [0-9a-f]{8}: upstream.BuildKernel$", plan.Targets[2].Note);
    }

    [Fact]
    public async Task A_failed_body_stores_nothing()
    {
        var targets = Graph(T("Broken", d => d
            .Cacheable(c => c.Input("x", "1").Output(fixture.Output("broken")))
            .Executes(() =>
            {
                Directory.CreateDirectory(fixture.Output("broken"));
                throw new BuildException("compiler crashed");
            })));

        var plan = await new EngineTestKit().RunAsync(targets, ["Broken"], new ExecutionOptions { Cache = new BuildCache(new CacheSettings(fixture.CacheDirectory)) });

        Assert.Equal(TargetStatus.Failed, plan.Targets[0].Status);
        Assert.Empty(new CacheStore(fixture.CacheDirectory).Entries("Broken"));
    }

    [Fact]
    public async Task A_declared_output_that_was_not_produced_fails_the_target()
    {
        var targets = Graph(T("Forgetful", d => d
            .Cacheable(c => c.Input("x", "1").Output(fixture.Output("never")))
            .Executes(() => { })));

        var plan = await new EngineTestKit().RunAsync(targets, ["Forgetful"], new ExecutionOptions { Cache = new BuildCache(new CacheSettings(fixture.CacheDirectory)) });

        Assert.Equal(TargetStatus.Failed, plan.Targets[0].Status);
        Assert.Contains("declared the cache output", plan.Targets[0].Error);
    }

    [Fact]
    public void An_upstream_that_is_not_cacheable_is_a_usage_error()
    {
        var error = Assert.Throws<UsageException>(() => Graph(
            T("Plain", d => d.Executes(() => { })),
            T("Consumer", d => d.Cacheable(c => c.Upstream("Plain")).Executes(() => { }))));

        Assert.Equal("Consumer names Plain as a cache upstream, but Plain is not Cacheable", error.Message);
    }

    [Fact]
    public async Task Without_a_cache_cacheable_targets_just_run()
    {
        await fixture.RunAsync();
        var plan = await new EngineTestKit().RunAsync(fixture.Targets(), ["PackageDebs"]);

        Assert.Equal("BuildKernel:Succeeded, BuildQemu:Succeeded, PackageDebs:Succeeded", Statuses(plan));
        Assert.Null(plan.Targets[0].Note);
    }
}
