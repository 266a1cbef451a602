using System.Text.Json.Nodes;
using SevStack.Toolkit;
using SevStack.Toolkit.Processes;
using SevStack.Host;
using SevStack.Testing;

namespace SevStack.Docker.Tests;

public class DockerRuntimeRegistrationTests
{
    static string Sample(string name) => File.ReadAllText(SharedData.TestData("docker", name));

    static Task<bool> Register(TempSysroot root, DockerRuntime runtime, DockerConfigMode mode, bool makeDefault, RecordingCommandRunner? runner = null, MemoryBuildLog? log = null,
        bool replaceDefault = false) =>
        new DockerRuntimeRegistration(log ?? new MemoryBuildLog()).RegisterAsync(runtime, mode, DefaultRuntimeChoices.From(makeDefault, replaceDefault), root.Changes(log, runner));

    /// <summary>A root whose Docker honours runtimeType (docker-ce 24) and that has Kata 3.x's shim and 1.x's runtime where ConfigureDocker points.</summary>
    static TempSysroot DockerRoot() => new TempSysroot()
        .WithDockerPackage("docker-ce", "5:24.0.7-1~debian.12~bookworm")
        .With(KataShimLink.ShimPath, "#!/bin/sh\n")
        .With("/usr/local/bin/kata-runtime", "#!/bin/sh\n")
        .With("/usr/bin/kata-runtime", "#!/bin/sh\n");

    const string DaemonJsonBackup = HostChangeRecord.BackupFolder + DaemonJson.Path;

    [Fact]
    public async Task Full_example_keeps_every_other_key_in_order_and_a_rerun_changes_nothing()
    {
        using var root = DockerRoot().With(DaemonJson.Path, Sample("daemon.full-example.json"));
        var original = JsonNode.Parse(Sample("daemon.full-example.json"))!.AsObject();

        var first = await Register(root, DockerRuntime.SeedV1(), DockerConfigMode.DaemonJson, makeDefault: true, replaceDefault: true);
        var merged = JsonNode.Parse(root.Read(DaemonJson.Path))!.AsObject();

        Assert.True(first);
        Assert.Equal(original.Select(p => p.Key), merged.Select(p => p.Key));
        foreach (var (key, value) in original)
            if (key is not "runtimes" and not "default-runtime")
                Assert.True(JsonNode.DeepEquals(value, merged[key]), $"{key} changed");
        var runtimes = merged["runtimes"]!.AsObject();
        Assert.Equal(["cc-runtime", "custom", "sev-runtime"], runtimes.Select(p => p.Key));
        Assert.True(JsonNode.DeepEquals(original["runtimes"]!["custom"], runtimes["custom"]));
        Assert.Equal("/usr/local/bin/kata-runtime", (string?)runtimes["sev-runtime"]!["path"]);
        Assert.Equal("sev-runtime", (string?)merged["default-runtime"]);
        Assert.Equal(Sample("daemon.full-example.json"), root.Read(DaemonJsonBackup));

        var written = root.Read(DaemonJson.Path);
        var second = await Register(root, DockerRuntime.SeedV1(), DockerConfigMode.DaemonJson, makeDefault: true, replaceDefault: true);
        Assert.False(second);
        Assert.Equal(written, root.Read(DaemonJson.Path));

        Assert.Equal([(DaemonJson.Path, DaemonJsonBackup)], root.Record.ChangedFiles.Select(f => (f.Path, f.BackupPath)));
        await root.Changes().RestoreEverythingAsync();
        Assert.Equal(Sample("daemon.full-example.json"), root.Read(DaemonJson.Path));
        Assert.False(Directory.Exists(root.Map("/var/lib/sevstack")));
    }

    [Fact]
    public async Task Shim_v2_runtime_is_added_beside_an_existing_kata_entry()
    {
        using var root = DockerRoot().With(DaemonJson.Path, Sample("daemon.kata-shimv2.json"));
        var snp = DockerRuntime.ShimV2("kata-snp", "/opt/kata/share/defaults/kata-containers/configuration-qemu-snp.toml");

        await Register(root, snp, DockerConfigMode.DaemonJson, makeDefault: false);

        var merged = JsonNode.Parse(root.Read(DaemonJson.Path))!.AsObject();
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Sample("daemon.kata-shimv2.json"))!["runtimes"]!["kata"], merged["runtimes"]!["kata"]));
        Assert.Equal("io.containerd.kata.v2", (string?)merged["runtimes"]!["kata-snp"]!["runtimeType"]);
        Assert.Equal("/opt/kata/share/defaults/kata-containers/configuration-qemu-snp.toml", (string?)merged["runtimes"]!["kata-snp"]!["options"]!["ConfigPath"]);
        Assert.False(merged.ContainsKey("default-runtime"));
        Approved.Verify(root.Read(DaemonJson.Path), "shimv2-merged");
    }

    [Fact]
    public async Task A_file_that_already_registers_the_runtime_is_not_rewritten()
    {
        using var root = DockerRoot().With(DaemonJson.Path, Sample("daemon.kata-runtime.json"));
        var runner = new RecordingCommandRunner();

        var change = await Register(root, DockerRuntime.SeedV1("kata-runtime", "/usr/bin/kata-runtime"), DockerConfigMode.DaemonJson, true, runner);

        Assert.False(change);
        Assert.Equal(Sample("daemon.kata-runtime.json"), root.Read(DaemonJson.Path));
        Assert.False(root.Exists(DaemonJsonBackup));
        Assert.Empty(runner.CommandLines);
    }

    [Fact]
    public async Task Missing_daemon_json_is_created()
    {
        using var root = DockerRoot();
        await Register(root, DockerRuntime.ShimV2(), DockerConfigMode.DaemonJson, makeDefault: true);
        Assert.Equal("{\n  \"runtimes\": {\n    \"kata\": {\n      \"runtimeType\": \"io.containerd.kata.v2\"\n    }\n  },\n  \"default-runtime\": \"kata\"\n}\n", root.Read(DaemonJson.Path));
    }

    [Fact]
    public async Task Invalid_json_is_reported_with_line_and_position_and_left_untouched()
    {
        var broken = Sample("daemon.kata-runtime.json").Replace("\"kata-runtime\",", "\"kata-runtime\"", StringComparison.Ordinal);
        using var root = DockerRoot().With(DaemonJson.Path, broken);

        var error = await Assert.ThrowsAsync<BuildException>(() => Register(root, DockerRuntime.SeedV1(), DockerConfigMode.DaemonJson, true));

        Assert.StartsWith($"{root.Map(DaemonJson.Path)}:3:3: invalid JSON", error.Message, StringComparison.Ordinal);
        Assert.Equal(broken, root.Read(DaemonJson.Path));
        Assert.False(root.Exists(DaemonJsonBackup));
    }

    [Fact]
    public async Task Seed_drop_in_gets_the_sev_runtime_once()
    {
        using var root = DockerRoot().With(DockerdDropIn.Path, Sample("kata-containers.conf"));

        await Register(root, DockerRuntime.SeedV1(), DockerConfigMode.DropIn, makeDefault: true, replaceDefault: true);
        var written = root.Read(DockerdDropIn.Path);
        Assert.Equal(
            "[Service]\nExecStart=\nExecStart=/usr/bin/dockerd -D --add-runtime kata-runtime=/usr/bin/kata-runtime --add-runtime sev-runtime=/usr/local/bin/kata-runtime --default-runtime=sev-runtime\n",
            written);

        Assert.False(await Register(root, DockerRuntime.SeedV1(), DockerConfigMode.DropIn, makeDefault: true, replaceDefault: true));
        Assert.Equal(written, root.Read(DockerdDropIn.Path));
    }

    [Fact]
    public async Task Dev_guide_drop_in_with_a_spaced_default_runtime_flag_is_edited_in_place()
    {
        using var root = DockerRoot().With(DockerdDropIn.Path, Sample("kata-containers.dev-guide.conf"));

        await Register(root, DockerRuntime.SeedV1(), DockerConfigMode.DropIn, makeDefault: true, replaceDefault: true);

        Assert.Equal(
            "[Service]\nType=simple\nExecStart=\nExecStart=/usr/bin/dockerd -D --default-runtime sev-runtime --add-runtime kata-runtime=/usr/local/bin/kata-runtime --add-runtime sev-runtime=/usr/local/bin/kata-runtime\n",
            root.Read(DockerdDropIn.Path));
    }

    [Fact]
    public async Task A_new_drop_in_follows_the_seed_layout()
    {
        using var root = DockerRoot();
        await Register(root, DockerRuntime.SeedV1(), DockerConfigMode.DropIn, makeDefault: true);
        Assert.Equal(
            "[Service]\nExecStart=\nExecStart=/usr/bin/dockerd -D --add-runtime sev-runtime=/usr/local/bin/kata-runtime --default-runtime=sev-runtime\n",
            root.Read(DockerdDropIn.Path));
    }

    [Fact]
    public async Task Default_runtime_in_daemon_json_and_in_the_drop_in_is_refused_from_either_side()
    {
        using var root = DockerRoot()
            .With(DockerdDropIn.Path, Sample("kata-containers.conf"))
            .With(DaemonJson.Path, Sample("daemon.kata-shimv2.json"));

        var viaJson = await Assert.ThrowsAsync<BuildException>(() => Register(root, DockerRuntime.ShimV2(), DockerConfigMode.DaemonJson, true));
        Assert.Contains($"--default-runtime kata-runtime in {DockerdDropIn.Path}", viaJson.Message, StringComparison.Ordinal);
        Assert.Contains("dockerd refuses to start", viaJson.Message, StringComparison.Ordinal);
        Assert.Equal(Sample("daemon.kata-shimv2.json"), root.Read(DaemonJson.Path));

        root.With(DaemonJson.Path, Sample("daemon.kata-runtime.json"));
        var viaDropIn = await Assert.ThrowsAsync<BuildException>(() => Register(root, DockerRuntime.SeedV1(), DockerConfigMode.DropIn, true, replaceDefault: true));
        Assert.Contains("\"default-runtime\": \"kata-runtime\" in /etc/docker/daemon.json", viaDropIn.Message, StringComparison.Ordinal);
        Assert.Equal(Sample("kata-containers.conf"), root.Read(DockerdDropIn.Path));
    }

    [Fact]
    public async Task Shim_v2_runtimes_are_refused_in_drop_in_mode()
    {
        using var root = DockerRoot();
        var error = await Assert.ThrowsAsync<BuildException>(() => Register(root, DockerRuntime.ShimV2(), DockerConfigMode.DropIn, true));
        Assert.Contains("register Kata 3.x's shim v2 in daemon.json", error.Message, StringComparison.Ordinal);
        Assert.False(root.Exists(DockerdDropIn.Path));
    }

    [Fact]
    public async Task A_dry_run_prints_the_diff_and_writes_nothing()
    {
        using var root = DockerRoot().With(DaemonJson.Path, Sample("daemon.full-example.json"));
        var log = new MemoryBuildLog();
        var change = await Register(root, DockerRuntime.SeedV1(), DockerConfigMode.DaemonJson, true, new RecordingCommandRunner(isDryRun: true), log, replaceDefault: true);

        Assert.True(change);
        Assert.Contains($"would change {root.Map(DaemonJson.Path)}:", log.Lines);
        Assert.Contains(log.Lines, l => l.StartsWith('+') && l.Contains("\"default-runtime\": \"sev-runtime\"", StringComparison.Ordinal));
        Assert.Equal(Sample("daemon.full-example.json"), root.Read(DaemonJson.Path));
        Assert.False(root.Exists(DaemonJsonBackup));
    }

    [Fact]
    public async Task A_sysroot_gets_files_only()
    {
        using var root = DockerRoot();
        var runner = new RecordingCommandRunner();
        Assert.True(await Register(root, DockerRuntime.ShimV2(), DockerConfigMode.DaemonJson, true, runner));
        Assert.Empty(runner.CommandLines);
    }

    [Fact]
    public async Task On_the_live_system_a_running_docker_is_reloaded_and_a_stopped_one_left_alone()
    {
        var running = new RecordingCommandRunner();
        await new DockerService(running, new MemoryBuildLog()).ApplyAsync(DockerConfigMode.DaemonJson, TargetRoot.Live);
        Assert.Equal(["systemctl is-active --quiet docker", "systemctl reload docker"], running.CommandLines);

        var dropIn = new RecordingCommandRunner();
        await new DockerService(dropIn, new MemoryBuildLog()).ApplyAsync(DockerConfigMode.DropIn, TargetRoot.Live);
        Assert.Equal(["systemctl daemon-reload", "systemctl is-active --quiet docker", "systemctl restart docker"], dropIn.CommandLines);

        var stopped = new RecordingCommandRunner().Answer("systemctl is-active --quiet docker", 3);
        await new DockerService(stopped, new MemoryBuildLog()).ApplyAsync(DockerConfigMode.DaemonJson, TargetRoot.Live);
        Assert.Equal(["systemctl is-active --quiet docker"], stopped.CommandLines);
    }
}
