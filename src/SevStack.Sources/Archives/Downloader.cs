using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using SevStack.Toolkit;
using SevStack.Engine.Caching;
using SevStack.Toolkit.Processes;
using SevStack.Sources.Identity;

namespace SevStack.Sources.Archives;

/// <summary>
/// Downloads a file over http(s) into <c>&lt;destination&gt;.partial</c>, resuming with Range requests and retrying
/// transient failures (5xx, 429, timeouts, cut-off transfers) with exponential backoff, then checks its sha256
/// and renames it into place. An https download without a sha256 is refused unless explicitly allowed.
/// </summary>
public sealed class Downloader(IBuildLog log, HttpClient httpClient, DownloadPolicy? policy = null)
{
    readonly DownloadPolicy policy = policy ?? new DownloadPolicy();

    /// <summary>Downloads <paramref name="url"/> to <paramref name="destination"/> unless a file with the expected hash is already there.</summary>
    /// <returns>The sha256 (lower-case hex) of the file.</returns>
    public async Task<string> DownloadAsync(Uri url, string destination, string? expectedSha256, bool allowUnpinned = false, CancellationToken cancellationToken = default)
    {
        if (expectedSha256 is null && !allowUnpinned)
            throw new BuildException($"{url} has no #sha256=<hex> pin; add the pin (sha256sum of the file) or pass --allow-unpinned");
        expectedSha256 = expectedSha256?.ToLowerInvariant();
        if (expectedSha256 is not null && File.Exists(destination) && await FileHashes.Sha256Async(destination, cancellationToken) == expectedSha256)
        {
            log.Info($"download: {Path.GetFileName(destination)} already present, sha256 ok");
            return expectedSha256;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destination))!);
        var partial = destination + ".partial";
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await TransferAsync(url, partial, cancellationToken);
                break;
            }
            catch (TransientDownloadException e) when (attempt < policy.Attempts)
            {
                var delay = policy.RetryDelay(attempt);
                log.Warning($"download: {url}: {e.Message}; retry {attempt} of {policy.Attempts - 1} in {delay.TotalSeconds:0.#} s");
                await Task.Delay(delay, cancellationToken);
            }
            catch (TransientDownloadException e)
            {
                throw new BuildException($"download of {url} failed {policy.Attempts} times ({e.Message}); check the network or the server, then run again (the partial file is kept and resumed)");
            }
        }

        var actual = await FileHashes.Sha256Async(partial, cancellationToken);
        if (expectedSha256 is not null && actual != expectedSha256)
        {
            File.Delete(partial);
            throw new BuildException($"sha256 mismatch for {url}: expected {expectedSha256}, got {actual}; the download was deleted. Check the pin or the server");
        }
        File.Move(partial, destination, overwrite: true);
        return actual;
    }

    async Task TransferAsync(Uri url, string partial, CancellationToken cancellationToken)
    {
        var offset = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (offset > 0)
            request.Headers.Range = new RangeHeaderValue(offset, null);

        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stall.CancelAfter(policy.Stall);
        HttpResponseMessage response;
        try
        {
            response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stall.Token);
        }
        catch (HttpRequestException e)
        {
            throw new TransientDownloadException(e.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientDownloadException($"no response within {policy.Stall.TotalSeconds:0} s");
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
            {
                File.Delete(partial);
                throw new TransientDownloadException("the server refused to resume (416); starting over");
            }
            if (status >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests || response.StatusCode == HttpStatusCode.RequestTimeout)
                throw new TransientDownloadException($"HTTP {status} {response.ReasonPhrase}");
            if (!response.IsSuccessStatusCode)
                throw new BuildException($"download of {url} failed: HTTP {status} {response.ReasonPhrase}; check the URL");

            var resuming = offset > 0 && response.StatusCode == HttpStatusCode.PartialContent;
            if (offset > 0 && !resuming)
                log.Info($"download: the server ignored the resume request; starting {Path.GetFileName(partial)} over");
            var total = response.Content.Headers.ContentLength is { } length ? length + (resuming ? offset : 0) : (long?)null;
            await using var file = new FileStream(partial, resuming ? FileMode.Append : FileMode.Create, FileAccess.Write);
            await CopyWithProgressAsync(response, file, url, resuming ? offset : 0, total, stall, cancellationToken);
        }
    }

    async Task CopyWithProgressAsync(HttpResponseMessage response, FileStream file, Uri url, long start, long? total, CancellationTokenSource stall, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(url.AbsolutePath);
        var received = start;
        var buffer = new byte[1 << 16];
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(stall.Token);
            while (true)
            {
                stall.CancelAfter(policy.Stall);
                var read = await body.ReadAsync(buffer, stall.Token);
                if (read == 0)
                    break;
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                received += read;
                if (clock.Elapsed - lastReport > TimeSpan.FromSeconds(2))
                {
                    lastReport = clock.Elapsed;
                    log.Info($"download: {name} {Describe(received, total)}");
                }
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw new TransientDownloadException($"transfer cut off after {received} bytes ({e.Message})");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientDownloadException($"transfer stalled after {received} bytes");
        }
        if (total is { } expected && received < expected)
            throw new TransientDownloadException($"transfer cut off after {received} of {expected} bytes");
        log.Info($"download: {name} {Describe(received, total)} in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    static string Describe(long received, long? total) => total is { } t && t > 0
        ? $"{received / 1048576.0:0.0} MB of {t / 1048576.0:0.0} MB ({100.0 * received / t:0}%)"
        : $"{received / 1048576.0:0.0} MB";

    sealed class TransientDownloadException(string message) : Exception(message);
}
