using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SevStack.Testing;

/// <summary>
/// Debian's nginx (with its built-in WebDAV module) as a remote cache server on 127.0.0.1: GET, HEAD and PUT of any
/// path under <see cref="Url"/>, stored in <see cref="StoreDirectory"/>, optionally only for requests that carry one
/// exact Authorization header. It runs from its own temp prefix and config (never the system's), as one process
/// (<c>master_process off</c>), and is killed on dispose.
/// </summary>
public sealed class NginxCacheServer : IDisposable
{
    readonly TempDirectory prefix = new("sevstack-nginx");
    readonly Process process;

    NginxCacheServer(string? requiredAuthorization)
    {
        Directory.CreateDirectory(StoreDirectory);
        Directory.CreateDirectory(prefix.Combine("logs"));
        Directory.CreateDirectory(prefix.Combine("tmp"));
        var port = FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/");
        var config = prefix.WriteFile("nginx.conf", Config(port, requiredAuthorization));
        process = Process.Start(new ProcessStartInfo("nginx", ["-p", prefix.Path, "-c", config, "-e", prefix.Combine("logs", "error.log")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("nginx did not start");
        WaitUntilListening(port);
    }

    /// <summary>Starts a server; with <paramref name="requiredAuthorization"/>, any other Authorization is answered 401.</summary>
    public static NginxCacheServer Start(string? requiredAuthorization = null) => new(requiredAuthorization);

    public Uri Url { get; }

    /// <summary>Where the server keeps what was PUT: <c>ac/&lt;id&gt;</c>, <c>cas/&lt;sha256&gt;</c>.</summary>
    public string StoreDirectory => prefix.Combine("store");

    public string AccessLogPath => prefix.Combine("logs", "access.log");

    /// <summary>The requests served so far, one <c>METHOD /path STATUS</c> per line, in order.</summary>
    public IReadOnlyList<string> Requests() =>
        File.Exists(AccessLogPath) ? File.ReadAllLines(AccessLogPath) : [];

    public IReadOnlyList<string> StoredFiles(string folder) =>
        Directory.Exists(Path.Combine(StoreDirectory, folder)) ? Directory.GetFiles(Path.Combine(StoreDirectory, folder)) : [];

    string Config(int port, string? requiredAuthorization)
    {
        var logs = prefix.Combine("logs");
        var temp = prefix.Combine("tmp");
        var guard = requiredAuthorization is null
            ? ""
            : $"if ($http_authorization != \"{requiredAuthorization.Replace("\"", "\\\"", StringComparison.Ordinal)}\") {{ return 401; }}";
        return $$"""
            {{(Environment.UserName == "root" ? "user root;" : "")}}
            master_process off;
            daemon off;
            worker_processes 1;
            pid {{logs}}/nginx.pid;
            error_log {{logs}}/error.log;
            events { worker_connections 64; }
            http {
                log_format requests '$request_method $uri $status';
                access_log {{logs}}/access.log requests;
                client_body_temp_path {{temp}}/body;
                proxy_temp_path {{temp}}/proxy;
                fastcgi_temp_path {{temp}}/fastcgi;
                uwsgi_temp_path {{temp}}/uwsgi;
                scgi_temp_path {{temp}}/scgi;
                client_max_body_size 0;
                server {
                    listen 127.0.0.1:{{port}};
                    root {{StoreDirectory}};
                    location / {
                        {{guard}}
                        dav_methods PUT DELETE;
                        create_full_put_path on;
                        dav_access user:rw group:r all:r;
                    }
                }
            }
            """;
    }

    /// <summary>A port nothing listens on (for a server that is down, too).</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    void WaitUntilListening(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"nginx exited with {process.ExitCode}: {process.StandardError.ReadToEnd()} {ErrorLog()}");
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }
        throw new TimeoutException($"nginx did not listen on 127.0.0.1:{port} within 15 s: {ErrorLog()}");
    }

    string ErrorLog() => File.Exists(prefix.Combine("logs", "error.log")) ? File.ReadAllText(prefix.Combine("logs", "error.log")) : "(no error.log)";

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit();
        }
        process.Dispose();
        prefix.Dispose();
    }
}
