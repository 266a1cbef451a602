using SevStack.Engine.Processes;

namespace SevStack.Build.Tests.E2E.Docker;

/// <summary>
/// docker.io (with its CLI: docker-cli since trixie), containerd and runc of one Debian suite, downloaded by apt (signed archive, hashes checked) and extracted
/// under /var/tmp/sevstack-e2e-docker/&lt;suite&gt;, never installed on this machine. Debian 12 has only Docker 20.10;
/// trixie's docker.io (26.x) and containerd run on Debian 12's libc (its runc does not, and is not needed).
/// </summary>
public sealed class DebianDockerPackages
{
    const string CacheFolder = "/var/tmp/sevstack-e2e-docker";

    DebianDockerPackages(string suite, string tree, string dockerVersion)
    {
        Suite = suite;
        Tree = tree;
        DockerPackageVersion = dockerVersion;
    }

    public string Suite { get; }

    /// <summary>The packages' files, extracted together (usr/sbin/dockerd, usr/bin/containerd, ...).</summary>
    public string Tree { get; }

    /// <summary>docker.io's Debian version, e.g. 20.10.24+dfsg1-1+deb12u1+b6.</summary>
    public string DockerPackageVersion { get; }

    public string Dockerd => Path.Combine(Tree, "usr", "sbin", "dockerd");
    public string Containerd => Path.Combine(Tree, "usr", "bin", "containerd");
    public string Cli => Path.Combine(Tree, "usr", "bin", "docker");

    /// <param name="suite">bookworm (this machine's own sources) or another Debian suite such as trixie (its own apt lists).</param>
    public static async Task<DebianDockerPackages> GetAsync(string suite)
    {
        var folder = Path.Combine(CacheFolder, suite);
        var tree = Path.Combine(folder, "tree");
        var debs = Path.Combine(folder, "debs");
        Directory.CreateDirectory(debs);
        var runner = new CliWrapCommandRunner(new MemoryBuildLog(), Privilege.Detect());
        if (!File.Exists(Path.Combine(tree, "usr", "sbin", "dockerd")) || !File.Exists(Path.Combine(tree, "usr", "bin", "docker")))
        {
            var apt = suite == "bookworm" ? [] : await PrivateAptAsync(runner, folder, suite);
            string[] packages = suite == "bookworm" ? ["docker.io", "containerd", "runc"] : ["docker.io", "docker-cli", "containerd", "runc"];
            await runner.RunAsync(new CommandSpec("apt-get", [.. apt, "download", .. packages]) { WorkingDirectory = debs });
            Directory.CreateDirectory(tree);
            foreach (var deb in Directory.GetFiles(debs, "*.deb"))
                await runner.RunAsync(new CommandSpec("dpkg-deb", "-x", deb, tree));
        }
        var docker = Directory.GetFiles(debs, "docker.io_*.deb").Single();
        var version = (await runner.RunAsync(new CommandSpec("dpkg-deb", "-f", docker, "Version"))).StandardOutput.Trim();
        return new DebianDockerPackages(suite, tree, version);
    }

    /// <summary>apt options that read <paramref name="suite"/> from Debian's archive into lists of its own, leaving this machine's apt alone.</summary>
    static async Task<string[]> PrivateAptAsync(CliWrapCommandRunner runner, string folder, string suite)
    {
        var sources = Path.Combine(folder, "sources.list");
        File.WriteAllText(sources, $"deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian {suite} main\n");
        Directory.CreateDirectory(Path.Combine(folder, "lists", "partial"));
        Directory.CreateDirectory(Path.Combine(folder, "cache", "archives", "partial"));
        string[] options =
        [
            "-o", $"Dir::Etc::sourcelist={sources}", "-o", "Dir::Etc::sourceparts=-", "-o", $"Dir::State::Lists={Path.Combine(folder, "lists")}",
            "-o", $"Dir::Cache={Path.Combine(folder, "cache")}", "-o", "Dir::State::status=/dev/null", "-o", "APT::Get::List-Cleanup=0",
        ];
        await runner.RunAsync(new CommandSpec("apt-get", [.. options, "update"]));
        return options;
    }
}
