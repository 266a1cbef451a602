using System.Security.Cryptography;
using SevStack.Toolkit;
using SevStack.Engine.Caching;
using SevStack.Toolkit.Processes;
using SevStack.Sources.Archives;
using SevStack.Sources.Identity;
using SevStack.Testing;

namespace SevStack.Sources.Tests;

public sealed class DownloaderTests : IDisposable
{
    readonly TempDirectory temp = new("sevstack-download");
    readonly LocalHttpServer server = new();
    readonly MemoryBuildLog log = new();
    readonly HttpClient http = new();
    readonly byte[] content = RandomNumberGenerator.GetBytes(300_000);

    Downloader NewDownloader() => new(log, http, new DownloadPolicy(Attempts: 4, FirstRetryDelay: TimeSpan.FromMilliseconds(10), StallTimeout: TimeSpan.FromSeconds(5)));

    string Sha => FileHashes.Sha256(content);

    [Fact]
    public async Task Good_hash_downloads_and_renames_into_place()
    {
        server.MapFile("/qemu.tar.xz", content);
        var destination = temp.Combine("qemu.tar.xz");

        var sha = await NewDownloader().DownloadAsync(server.Url("/qemu.tar.xz"), destination, Sha);

        Assert.Equal(Sha, sha);
        Assert.Equal(content, File.ReadAllBytes(destination));
        Assert.False(File.Exists(destination + ".partial"));
        Assert.Contains(log.Lines, l => l.StartsWith("download: qemu.tar.xz", StringComparison.Ordinal) && l.Contains("MB"));
    }

    [Fact]
    public async Task Present_file_with_the_right_hash_is_not_downloaded_again()
    {
        server.MapFile("/qemu.tar.xz", content);
        var destination = temp.Combine("qemu.tar.xz");
        await NewDownloader().DownloadAsync(server.Url("/qemu.tar.xz"), destination, Sha);

        await NewDownloader().DownloadAsync(server.Url("/qemu.tar.xz"), destination, Sha);

        Assert.Single(server.RequestsFor("/qemu.tar.xz"));
    }

    [Fact]
    public async Task Wrong_hash_is_refused_and_the_file_deleted()
    {
        server.MapFile("/qemu.tar.xz", content);
        var destination = temp.Combine("qemu.tar.xz");
        var wrong = new string('0', 64);

        var error = await Assert.ThrowsAsync<BuildException>(() => NewDownloader().DownloadAsync(server.Url("/qemu.tar.xz"), destination, wrong));

        Assert.Contains(wrong, error.Message);
        Assert.Contains(Sha, error.Message);
        Assert.False(File.Exists(destination));
        Assert.False(File.Exists(destination + ".partial"));
    }

    [Fact]
    public async Task Truncated_transfer_is_resumed_with_a_range_request()
    {
        server.MapFile("/linux.tar.xz", content, truncatedResponses: 1, truncateAfterBytes: 100_000);
        var destination = temp.Combine("linux.tar.xz");

        var sha = await NewDownloader().DownloadAsync(server.Url("/linux.tar.xz"), destination, Sha);

        Assert.Equal(Sha, sha);
        Assert.Equal(content, File.ReadAllBytes(destination));
        var requests = server.RequestsFor("/linux.tar.xz");
        Assert.Equal(2, requests.Count);
        Assert.Null(requests[0].Header("Range"));
        Assert.Equal("bytes=100000-", requests[1].Header("Range"));
        Assert.Contains(log.Lines, l => l.Contains("cut off", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Partial_file_from_an_interrupted_run_is_resumed()
    {
        server.MapFile("/edk2.tar.xz", content);
        var destination = temp.Combine("edk2.tar.xz");
        File.WriteAllBytes(destination + ".partial", content[..123_456]);

        await NewDownloader().DownloadAsync(server.Url("/edk2.tar.xz"), destination, Sha);

        Assert.Equal(content, File.ReadAllBytes(destination));
        Assert.Equal("bytes=123456-", Assert.Single(server.RequestsFor("/edk2.tar.xz")).Header("Range"));
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff()
    {
        var calls = 0;
        server.Map("/kata.tar.zst", request => Interlocked.Increment(ref calls) <= 2 ? LocalHttpResponse.Text(503, "busy") : LocalHttpResponse.File(request, content));

        await NewDownloader().DownloadAsync(server.Url("/kata.tar.zst"), temp.Combine("kata.tar.zst"), Sha);

        Assert.Equal(3, server.RequestsFor("/kata.tar.zst").Count);
        Assert.Equal(2, log.Lines.Count(l => l.Contains("HTTP 503", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Persistent_server_errors_give_up_with_one_line()
    {
        server.Map("/x.tar.gz", _ => LocalHttpResponse.Text(500, "boom"));

        var error = await Assert.ThrowsAsync<BuildException>(() => NewDownloader().DownloadAsync(server.Url("/x.tar.gz"), temp.Combine("x.tar.gz"), Sha));

        Assert.Equal(4, server.RequestsFor("/x.tar.gz").Count);
        Assert.Contains("failed 4 times", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task Not_found_is_one_clear_error_without_retries()
    {
        var error = await Assert.ThrowsAsync<BuildException>(() => NewDownloader().DownloadAsync(server.Url("/missing.tar.xz"), temp.Combine("missing.tar.xz"), Sha));

        Assert.Contains("404", error.Message);
        Assert.Contains(server.Url("/missing.tar.xz").ToString(), error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Single(server.RequestsFor("/missing.tar.xz"));
    }

    [Fact]
    public async Task Unpinned_download_is_refused_unless_allowed()
    {
        server.MapFile("/qemu.tar.xz", content);

        var error = await Assert.ThrowsAsync<BuildException>(() => NewDownloader().DownloadAsync(server.Url("/qemu.tar.xz"), temp.Combine("q.tar.xz"), null));
        Assert.Contains("--allow-unpinned", error.Message);
        Assert.Empty(server.Requests);

        var sha = await NewDownloader().DownloadAsync(server.Url("/qemu.tar.xz"), temp.Combine("q.tar.xz"), null, allowUnpinned: true);
        Assert.Equal(Sha, sha);
    }

    public void Dispose()
    {
        http.Dispose();
        server.Dispose();
        temp.Dispose();
    }
}
