using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SevStack.Kata.Tests.Support;

/// <summary>A tiny HTTP server on 127.0.0.1 answering fixed responses per path, standing in for GitHub's API.</summary>
sealed class FakeGitHubApi : IDisposable
{
    public sealed record Response(int Status, string Body, IReadOnlyDictionary<string, string> Headers, string ContentType);

    readonly HttpListener listener = new();
    readonly ConcurrentDictionary<string, Response> routes = new();
    readonly ConcurrentQueue<string> requested = new();
    readonly Task loop;

    public FakeGitHubApi()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        listener.Prefixes.Add(BaseAddress.ToString());
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public Uri BaseAddress { get; }

    /// <summary>A GitHub API on a host other than api.github.com is served under /api/v3/.</summary>
    public string Api(string path) => "/api/v3/" + path.TrimStart('/');

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    public IReadOnlyCollection<string> Requested => requested.ToArray();

    public void Answer(string path, int status, string body, string contentType = "application/json", IReadOnlyDictionary<string, string>? headers = null) =>
        routes[path] = new Response(status, body, headers ?? new Dictionary<string, string>(), contentType);

    async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            var path = context.Request.Url!.AbsolutePath;
            requested.Enqueue(path);
            var response = routes.GetValueOrDefault(path) ?? new Response(404, "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest\"}", new Dictionary<string, string>(), "application/json");
            var bytes = Encoding.UTF8.GetBytes(response.Body);
            context.Response.StatusCode = response.Status;
            context.Response.ContentType = response.ContentType;
            foreach (var (name, value) in response.Headers)
                context.Response.Headers[name] = value;
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        loop.Wait(TimeSpan.FromSeconds(5));
    }
}
