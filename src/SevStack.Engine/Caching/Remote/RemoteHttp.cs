using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace SevStack.Engine.Caching.Remote;

/// <summary>
/// GET, HEAD and PUT of paths under the remote cache's URL, with its header on every request. A missing object is
/// null or false; anything else that is not a success makes the server unusable for the run
/// (<see cref="RemoteCacheUnavailableException"/>).
/// </summary>
internal sealed class RemoteHttp : IDisposable
{
    readonly HttpClient client;
    readonly RemoteCacheSettings settings;

    public RemoteHttp(RemoteCacheSettings settings)
    {
        this.settings = settings;
        client = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5), UseProxy = false, AllowAutoRedirect = false })
        {
            BaseAddress = settings.Url,
            Timeout = TimeSpan.FromMinutes(5),
        };
    }

    /// <summary>The whole object, or null when the server has none under that path.</summary>
    public async Task<byte[]?> GetBytesAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, path, null, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await ReadAsync(() => response.Content.ReadAsByteArrayAsync(cancellationToken), path).ConfigureAwait(false);
    }

    /// <summary>Streams the object to <paramref name="destination"/>; returns its SHA-256 and size, or null when it is missing.</summary>
    public async Task<(string Sha256, long Bytes)?> DownloadAsync(string path, string destination, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, path, null, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        return await ReadAsync(async () =>
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using var file = new FileStream(destination, FileMode.CreateNew, FileAccess.Write);
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                total += read;
            }
            return ((string, long)?)(Convert.ToHexStringLower(hash.GetHashAndReset()), total);
        }, path).ConfigureAwait(false);
    }

    /// <summary>The object's size as the server announces it, or null when it is missing.</summary>
    public async Task<long?> SizeAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Head, path, null, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.NotFound ? null : response.Content.Headers.ContentLength ?? -1;
    }

    public async Task PutAsync(string path, HttpContent content, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Put, path, content, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
            throw new RemoteCacheUnavailableException($"PUT {path} was answered 404 Not Found (does the server accept uploads there?)");
    }

    async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (settings.Header is var (name, value))
            request.Headers.TryAddWithoutValidation(name, value);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new RemoteCacheUnavailableException($"{method} {path} failed: {Innermost(e).Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RemoteCacheUnavailableException($"{method} {path} timed out after {client.Timeout.TotalSeconds:0} s", e);
        }
        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotFound)
            return response;
        var status = $"{(int)response.StatusCode} {response.ReasonPhrase}";
        response.Dispose();
        throw new RemoteCacheUnavailableException($"{method} {path} was answered {status}");
    }

    /// <summary>A body that breaks off (the server announced more than it sent) makes the object unusable, not the server.</summary>
    static async Task<T> ReadAsync<T>(Func<Task<T>> read, string path)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw new InvalidDataException($"{path} ended early ({Innermost(e).Message})", e);
        }
    }

    static Exception Innermost(Exception e) => e.InnerException is { } inner ? Innermost(inner) : e;

    public static HttpContent FileContent(string path)
    {
        var content = new StreamContent(File.OpenRead(path));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }

    public void Dispose() => client.Dispose();
}
