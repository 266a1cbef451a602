using SevStack.Toolkit.Processes;
using SevStack.Testing;

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
            IReadOnlyList<string> apt = suite == "bookworm" ? [] : (await DebianSuiteArchive.OpenAsync(runner, folder, suite)).AptOptions;
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
}
