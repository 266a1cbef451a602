using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SevStack.Testing;

/// <summary>One request as the <see cref="LocalHttpServer"/> received it.</summary>
public sealed record LocalHttpRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>What the <see cref="LocalHttpServer"/> sends back. <see cref="TruncateAfterBytes"/> closes the connection early.</summary>
public sealed record LocalHttpResponse(int Status, byte[] Body)
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Announces the full Content-Length but sends only this many body bytes, then closes the connection.</summary>
    public int? TruncateAfterBytes { get; init; }

    public static LocalHttpResponse Text(int status, string text, string contentType = "text/plain") =>
        new(status, Encoding.UTF8.GetBytes(text)) { Headers = new Dictionary<string, string> { ["Content-Type"] = contentType } };

    public static LocalHttpResponse Json(int status, string json) => Text(status, json, "application/json; charset=utf-8");

    public static LocalHttpResponse Empty(int status) => new(status, []);

    /// <summary>Serves <paramref name="content"/>, honouring a <c>Range: bytes=N-</c> or <c>bytes=N-M</c> request header.</summary>
    public static LocalHttpResponse File(LocalHttpRequest request, byte[] content)
    {
        var range = request.Header("Range");
        if (range is null || !range.StartsWith("bytes=", StringComparison.Ordinal))
            return new(200, content) { Headers = new Dictionary<string, string> { ["Accept-Ranges"] = "bytes" } };
        var parts = range["bytes=".Length..].Split('-');
        var start = long.Parse(parts[0]);
        var end = parts.Length > 1 && parts[1].Length > 0 ? long.Parse(parts[1]) : content.Length - 1;
        if (start >= content.Length)
            return new(416, []) { Headers = new Dictionary<string, string> { ["Content-Range"] = $"bytes */{content.Length}" } };
        end = Math.Min(end, content.Length - 1);
        return new(206, content[(int)start..(int)(end + 1)])
        {
            Headers = new Dictionary<string, string>
            {
                ["Accept-Ranges"] = "bytes",
                ["Content-Range"] = $"bytes {start}-{end}/{content.Length}",
            },
        };
    }
}

/// <summary>
/// A small HTTP/1.1 server on 127.0.0.1 with a random port for tests: configurable responses per path,
/// Range support, truncated bodies, error statuses, and a record of every request it received.
/// Each connection serves one request and is then closed.
/// </summary>
public sealed class LocalHttpServer : IDisposable
{
    readonly TcpListener listener = new(IPAddress.Loopback, 0);
    readonly ConcurrentDictionary<string, Func<LocalHttpRequest, LocalHttpResponse>> routes = new(StringComparer.Ordinal);
    readonly ConcurrentQueue<LocalHttpRequest> requests = new();
    readonly CancellationTokenSource stopping = new();
    readonly Task acceptLoop;
    Func<LocalHttpRequest, LocalHttpResponse> fallback = _ => LocalHttpResponse.Text(404, "not found");

    public LocalHttpServer()
    {
        listener.Start();
        BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public Uri BaseUri { get; }

    public Uri Url(string path) => new(BaseUri, path.TrimStart('/'));

    public IReadOnlyList<LocalHttpRequest> Requests => [.. requests];

    public IReadOnlyList<LocalHttpRequest> RequestsFor(string path) => [.. requests.Where(r => r.Path == path)];

    /// <summary>Answers requests for exactly <paramref name="path"/> (query string ignored).</summary>
    public void Map(string path, Func<LocalHttpRequest, LocalHttpResponse> handler) => routes[path] = handler;

    /// <summary>Serves a file with Range support; the first <paramref name="truncatedResponses"/> responses stop after <paramref name="truncateAfterBytes"/> bytes.</summary>
    public void MapFile(string path, byte[] content, int truncatedResponses = 0, int truncateAfterBytes = 0)
    {
        var served = 0;
        Map(path, request =>
        {
            var response = LocalHttpResponse.File(request, content);
            return Interlocked.Increment(ref served) <= truncatedResponses
                ? response with { TruncateAfterBytes = Math.Min(truncateAfterBytes, response.Body.Length) }
                : response;
        });
    }

    /// <summary>Answers every path that has no route of its own.</summary>
    public void MapFallback(Func<LocalHttpRequest, LocalHttpResponse> handler) => fallback = handler;

    async Task AcceptLoopAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(stopping.Token); }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            catch (SocketException) { return; }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            var request = await ReadRequestAsync(stream);
            if (request is null)
                return;
            requests.Enqueue(request);
            var handler = routes.TryGetValue(request.Path, out var route) ? route : fallback;
            LocalHttpResponse response;
            try { response = handler(request); }
            catch (Exception e) { response = LocalHttpResponse.Text(500, "handler failed: " + e.Message); }
            await WriteResponseAsync(stream, request, response);
        }
        catch (IOException) { }
        catch (SocketException) { }
        catch (ObjectDisposedException) { }
    }

    static async Task<LocalHttpRequest?> ReadRequestAsync(NetworkStream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(head))
        {
            if (await stream.ReadAsync(one) == 0)
                return null;
            head.Add(one[0]);
            if (head.Count > 64 * 1024)
                return null;
        }
        var lines = Encoding.ASCII.GetString([.. head]).Split("\r\n");
        var requestLine = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1).Where(l => l.Contains(':')))
        {
            var colon = line.IndexOf(':');
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        var body = Array.Empty<byte>();
        if (headers.TryGetValue("Content-Length", out var lengthText) && int.TryParse(lengthText, out var length) && length > 0)
        {
            body = new byte[length];
            await stream.ReadExactlyAsync(body);
        }
        var target = requestLine.Length > 1 ? requestLine[1] : "/";
        var question = target.IndexOf('?');
        var path = Uri.UnescapeDataString(question < 0 ? target : target[..question]);
        var query = question < 0 ? "" : target[(question + 1)..];
        return new LocalHttpRequest(requestLine[0], path, query, headers, body);
    }

    static bool EndsWithBlankLine(List<byte> head) =>
        head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n';

    static async Task WriteResponseAsync(NetworkStream stream, LocalHttpRequest request, LocalHttpResponse response)
    {
        var text = new StringBuilder();
        text.Append($"HTTP/1.1 {response.Status} {ReasonPhrase(response.Status)}\r\n");
        foreach (var (name, value) in response.Headers)
            text.Append($"{name}: {value}\r\n");
        text.Append($"Content-Length: {response.Body.Length}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text.ToString()));
        if (request.Method != "HEAD")
        {
            var count = response.TruncateAfterBytes ?? response.Body.Length;
            await stream.WriteAsync(response.Body.AsMemory(0, count));
        }
        await stream.FlushAsync();
    }

    static string ReasonPhrase(int status) => status switch
    {
        200 => "OK",
        206 => "Partial Content",
        304 => "Not Modified",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        416 => "Range Not Satisfiable",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };

    public void Dispose()
    {
        stopping.Cancel();
        listener.Stop();
        try { acceptLoop.Wait(TimeSpan.FromSeconds(2)); }
        catch (AggregateException) { }
        stopping.Dispose();
    }
}
