using SevStack.Toolkit;
using SevStack.Toolkit.Processes;
using SevStack.Testing;

namespace SevStack.Docker.Tests;

/// <summary>daemon.json is edited, not rewritten: the user's order, indentation, line ends and compact arrays stay.</summary>
public class DaemonJsonTextTests
{
    static readonly DockerRuntime Kata3 = DockerRuntime.ShimV2("kata-sev", "/etc/kata-containers/configuration-sevstack.toml");

    static Task<bool> Register(TempSysroot root, DefaultRuntimeChoice choice) =>
        new DockerRuntimeRegistration(new MemoryBuildLog()).RegisterAsync(Kata3, DockerConfigMode.DaemonJson, choice, root.Changes());

    static TempSysroot DockerRoot(string daemonJson) => new TempSysroot()
        .WithDockerPackage("docker-ce", "5:24.0.7-1~debian.12~bookworm")
        .With(KataShimLink.ShimPath, "#!/bin/sh\n")
        .With(DaemonJson.Path, daemonJson);

    [Fact]
    public async Task The_full_example_changes_only_in_the_lines_of_the_new_runtime_and_the_default()
    {
        var original = File.ReadAllText(SharedData.TestData("docker", "daemon.full-example.json"));
        using var root = DockerRoot(original);

        await Register(root, DefaultRuntimeChoice.Replace);

        var written = root.Read(DaemonJson.Path);
        var removed = original.Split('\n').Except(written.Split('\n')).ToList();
        var added = written.Split('\n').Except(original.Split('\n')).ToList();
        Assert.Equal(["  \"default-runtime\": \"runc\","], removed);
        Assert.Equal(
        [
            "  \"default-runtime\": \"kata-sev\",",
            "    \"kata-sev\": {",
            "      \"runtimeType\": \"io.containerd.kata.v2\",",
            "      \"options\": {",
            "        \"ConfigPath\": \"/etc/kata-containers/configuration-sevstack.toml\"",
        ], added.Where(l => l.Trim() is not ("}," or "}")).ToList());
        Assert.Contains("        { \"maxUsedSpace\": \"512MB\", \"keepDuration\": \"48h\", \"filter\": [ \"type=source.local\" ] },", written.Split('\n'));
    }

    [Fact]
    public async Task Tabs_and_crlf_are_kept_and_new_members_follow_them()
    {
        using var root = DockerRoot("{\r\n\t\"debug\": true,\r\n\t\"log-opts\": { \"max-size\": \"10m\" }\r\n}\r\n");

        await Register(root, DefaultRuntimeChoice.SetUnlessChosen);

        Assert.Equal(
            "{\r\n\t\"debug\": true,\r\n\t\"log-opts\": { \"max-size\": \"10m\" },\r\n\t\"runtimes\": {\r\n\t\t\"kata-sev\": {\r\n\t\t\t\"runtimeType\": \"io.containerd.kata.v2\",\r\n" +
            "\t\t\t\"options\": {\r\n\t\t\t\t\"ConfigPath\": \"/etc/kata-containers/configuration-sevstack.toml\"\r\n\t\t\t}\r\n\t\t}\r\n\t},\r\n\t\"default-runtime\": \"kata-sev\"\r\n}\r\n",
            root.Read(DaemonJson.Path));
    }

    [Fact]
    public async Task An_empty_runtimes_object_gets_the_entry_in_the_file_indentation()
    {
        using var root = DockerRoot("{\n    \"runtimes\": {},\n    \"debug\": false\n}\n");

        await Register(root, DefaultRuntimeChoice.Leave);

        Assert.Equal("{\n    \"runtimes\": {\n        \"kata-sev\": {\n            \"runtimeType\": \"io.containerd.kata.v2\",\n            \"options\": {\n" +
                     "                \"ConfigPath\": \"/etc/kata-containers/configuration-sevstack.toml\"\n            }\n        }\n    },\n    \"debug\": false\n}\n",
            root.Read(DaemonJson.Path));
    }

    [Fact]
    public async Task A_default_runtime_the_user_chose_is_refused_unless_replacing_is_asked_for()
    {
        const string Chosen = "{\n  \"default-runtime\": \"runc\"\n}\n";
        using var root = DockerRoot(Chosen);

        var error = await Assert.ThrowsAsync<BuildException>(() => Register(root, DefaultRuntimeChoice.SetUnlessChosen));

        Assert.Equal($"{root.Map(DaemonJson.Path)} already makes \"runc\" Docker's default runtime; ConfigureDocker does not replace it silently: " +
                     "pass --replace-default-runtime to make kata-sev the default, or --default-runtime false to register kata-sev beside it (nothing was changed)", error.Message);
        Assert.Equal(Chosen, root.Read(DaemonJson.Path));
        Assert.Null(new FileInfo(root.MapEntry(KataShimLink.LinkPath)).LinkTarget);

        await Register(root, DefaultRuntimeChoice.Leave);
        Assert.Contains("\"default-runtime\": \"runc\"", root.Read(DaemonJson.Path));

        await Register(root, DefaultRuntimeChoice.Replace);
        Assert.Contains("\"default-runtime\": \"kata-sev\"", root.Read(DaemonJson.Path));
    }
}
