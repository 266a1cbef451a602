using System.Diagnostics;
using SevStack.Toolkit.Processes;

namespace SevStack.Build.Tests.E2E.Docker;

/// <summary>
/// A containerd and a dockerd of <see cref="DebianDockerPackages"/> started as root on sockets in a temp folder, with the
/// given daemon.json and <paramref name="shimFolder"/> first on their PATH, and stopped (by their own process ids) on
/// dispose, together with the shims they started.
/// </summary>
public sealed class DockerDaemons : IAsyncDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("sevstack-dockerd-").FullName;
    readonly List<Process> daemons = [];

    readonly string cli;

    DockerDaemons(string cli) => this.cli = cli;

    public string Socket => Path.Combine(folder, "docker.sock");
    public string ContainerdSocket => Path.Combine(folder, "containerd.sock");
    public string DockerdLog => Path.Combine(folder, "dockerd.log");

    public static async Task<DockerDaemons> StartAsync(DebianDockerPackages docker, string daemonJson, string shimFolder)
    {
        var daemons = new DockerDaemons(docker.Cli);
        try
        {
            var path = string.Join(':', shimFolder, Path.Combine(docker.Tree, "usr", "sbin"), Path.Combine(docker.Tree, "usr", "bin"), "/usr/sbin:/usr/bin:/sbin:/bin");
            daemons.Start(docker.Containerd, path, "containerd.log", "--address", daemons.ContainerdSocket,
                "--root", Path.Combine(daemons.folder, "containerd-root"), "--state", Path.Combine(daemons.folder, "containerd-state"));
            await WaitForAsync(daemons.ContainerdSocket, Path.Combine(daemons.folder, "containerd.log"));
            daemons.Start(docker.Dockerd, path, "dockerd.log", "--containerd", daemons.ContainerdSocket, "--config-file", daemonJson,
                "--data-root", Path.Combine(daemons.folder, "data"), "--exec-root", Path.Combine(daemons.folder, "exec"), "-H", $"unix://{daemons.Socket}",
                "--pidfile", Path.Combine(daemons.folder, "docker.pid"), "--iptables=false", "--bridge=none", "--userland-proxy=false");
            await WaitForAsync(daemons.Socket, daemons.DockerdLog);
            return daemons;
        }
        catch
        {
            await daemons.DisposeAsync();
            throw;
        }
    }

    /// <summary>The packages' own docker CLI against this dockerd; a failure is returned, not thrown.</summary>
    public Task<CommandResult> DockerAsync(params string[] arguments) =>
        new CliWrapCommandRunner(new MemoryBuildLog(), Privilege.Detect()).RunAsync(new CommandSpec(cli, ["-H", $"unix://{Socket}", .. arguments]) { AllowFailure = true });

    /// <summary>Command lines of the running shims our containerd started (they name its socket and Docker's namespace), as /proc shows them.</summary>
    public IReadOnlyList<string> ShimCommandLines() => ShimProcessIds().Select(CommandLine).ToList();

    static string CommandLine(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim(); }
        catch (IOException) { return ""; }
        catch (UnauthorizedAccessException) { return ""; }
    }

    void Start(string program, string path, string log, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["PATH"] = path;
        var process = Process.Start(start)!;
        var writer = new StreamWriter(Path.Combine(folder, log)) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        daemons.Add(process);
    }

    static async Task WaitForAsync(string socket, string log)
    {
        for (var waited = 0; waited < 600 && !File.Exists(socket); waited++)
            await Task.Delay(100);
        if (!File.Exists(socket))
            throw new InvalidOperationException($"{socket} did not appear in 60 s:\n{(File.Exists(log) ? File.ReadAllText(log) : "")}");
    }

    public async ValueTask DisposeAsync()
    {
        var runner = new CliWrapCommandRunner(new MemoryBuildLog(), Privilege.Detect());
        var shims = ShimProcessIds();
        foreach (var process in Enumerable.Reverse(daemons))
        {
            if (!process.HasExited)
            {
                await runner.RunAsync(new CommandSpec("kill", "-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)) { AllowFailure = true });
                using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                try { await process.WaitForExitAsync(patience.Token); }
                catch (OperationCanceledException) { process.Kill(); await process.WaitForExitAsync(); }
            }
            process.Dispose();
        }
        foreach (var shim in shims)
            try { using var process = Process.GetProcessById(shim); process.Kill(entireProcessTree: true); }
            catch (ArgumentException) { }
            catch (InvalidOperationException) { }
        await runner.RunAsync(new CommandSpec("rm", "-rf", "--one-file-system", folder) { AllowFailure = true });
    }

    IReadOnlyList<int> ShimProcessIds() =>
        Directory.GetDirectories("/proc").Select(Path.GetFileName).Where(p => int.TryParse(p, out _)).Select(p => int.Parse(p!))
            .Where(pid => CommandLine(pid) is var line && line.Contains(ContainerdSocket, StringComparison.Ordinal) && line.Contains("-namespace moby", StringComparison.Ordinal)).ToList();
}
