using System.Net;
using System.Net.Sockets;
using SevStack.Toolkit.Processes;

namespace SevStack.Sources.Tests;

/// <summary>A <c>git daemon</c> on 127.0.0.1 serving every repository below a folder over git://, stopped on dispose.</summary>
internal sealed class GitDaemon : IAsyncDisposable
{
    readonly CancellationTokenSource stop = new();
    readonly Task<CommandResult> running;

    GitDaemon(string basePath, int port)
    {
        Port = port;
        var spec = new CommandSpec("git", "daemon", "--reuseaddr", "--export-all", "--listen=127.0.0.1", $"--port={port}",
            $"--base-path={basePath}", basePath) { AllowFailure = true };
        running = TestTools.Runner().RunAsync(spec, stop.Token);
    }

    public int Port { get; }

    public string Url(string repository) => $"git://127.0.0.1:{Port}/{repository}";

    public static async Task<GitDaemon> StartAsync(string basePath)
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var daemon = new GitDaemon(basePath, port);
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return daemon;
            }
            catch (SocketException)
            {
                if (daemon.running.IsCompleted)
                    throw new InvalidOperationException("git daemon exited: " + (await daemon.running).StandardError);
                await Task.Delay(50);
            }
        }
        throw new TimeoutException("git daemon did not start listening");
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try { await running; }
        catch (OperationCanceledException) { }
        stop.Dispose();
    }
}
