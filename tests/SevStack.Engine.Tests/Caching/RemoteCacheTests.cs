using System.Text.Json;
using SevStack.Engine.Caching;
using SevStack.Engine.Caching.Remote;
using SevStack.Testing;
using static SevStack.Engine.Tests.EngineTestKit;

namespace SevStack.Engine.Tests.Caching;

/// <summary>
/// The remote cache against a real server: Debian's nginx with WebDAV PUT on 127.0.0.1. Each fixture is another machine
/// (its own cache folder and outputs) building the same inputs, so the keys agree and only the remote can share them.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RemoteCacheTests : IDisposable
{
    readonly NginxCacheServer server = NginxCacheServer.Start();
    readonly List<CacheFixture> machines = [];

    public void Dispose()
    {
        machines.ForEach(m => m.Dispose());
        server.Dispose();
    }

    CacheFixture Machine(bool readOnly = false, Uri? url = null)
    {
        var machine = new CacheFixture { Remote = RemoteCacheSettings.Parse((url ?? server.Url).AbsoluteUri, null, readOnly, null) };
        machines.Add(machine);
        return machine;
    }

    static IEnumerable<string> Warnings(EngineTestKit kit) => kit.Log.Lines.Where(l => l.StartsWith("warning: ", StringComparison.Ordinal));

    [Fact]
    public async Task A_second_machine_with_an_empty_cache_restores_every_target_from_the_remote()
    {
        var first = Machine();
        await first.RunAsync();

        var second = Machine();
        var (plan, cache, kit) = await second.RunAsync();

        Assert.Empty(second.Ran);
        Assert.Equal("BuildKernel:Cached, BuildQemu:Cached, PackageDebs:Cached", Statuses(plan));
        Assert.All(cache.Outcomes, o => Assert.True(o.FromRemote));
        Assert.Equal("cache hit " + cache.Outcomes[0].ShortKey + " from the remote cache", plan.Targets[0].Note);
        Assert.Empty(Warnings(kit));
        foreach (var output in new[] { "kernel", "qemu" })
            Assert.Equal(Tree.Describe(first.Output(output)), Tree.Describe(second.Output(output)));
        Assert.Equal(File.ReadAllText(first.Output("debs", "stack.deb")), File.ReadAllText(second.Output("debs", "stack.deb")));
        Assert.Equal(3, new CacheStore(second.CacheDirectory).Targets().Count);

        var (_, again, _) = await second.RunAsync();
        Assert.All(again.Outcomes, o => Assert.False(o.FromRemote));
    }

    [Fact]
    public async Task Every_blob_is_on_the_server_before_the_entry_document_that_names_it()
    {
        await Machine().RunAsync();

        var requests = server.Requests();
        var documents = server.StoredFiles("ac");
        Assert.Equal(3, documents.Count);
        foreach (var document in documents)
        {
            var documentPut = requests.ToList().IndexOf($"PUT /ac/{Path.GetFileName(document)} 201");
            Assert.True(documentPut >= 0, string.Join('\n', requests));
            using var json = JsonDocument.Parse(File.ReadAllBytes(document));
            var blobs = json.RootElement.GetProperty("sums").GetString()!.Split('\n').Skip(1)
                .Select(l => l.Split(' ')).Where(f => f.Length == 4 && f[1] == "file").Select(f => f[0]);
            foreach (var blob in blobs)
            {
                var blobPut = requests.ToList().FindIndex(r => r.StartsWith($"PUT /cas/{blob} 20", StringComparison.Ordinal));
                Assert.InRange(blobPut, 0, documentPut - 1);
            }
        }
    }

    [Fact]
    public async Task A_miss_on_both_caches_builds_uploads_and_says_why()
    {
        var (plan, cache, kit) = await Machine().RunAsync();

        Assert.Equal("BuildKernel:Succeeded, BuildQemu:Succeeded, PackageDebs:Succeeded", Statuses(plan));
        Assert.Equal(["no earlier entry for this target", "not on the remote cache either"], cache.Outcomes[0].Reasons);
        Assert.Empty(Warnings(kit));
        Assert.Equal(3, server.StoredFiles("ac").Count);
        Assert.Contains(kit.Log.Lines, l => l.StartsWith("remote cache: uploaded entry ", StringComparison.Ordinal));
    }

    public static TheoryData<string, string> Damages => new()
    {
        { "corrupt blob", "does not match its sha256" },
        { "truncated blob", "does not match its sha256" },
        { "missing blob", "is missing on the server" },
        { "truncated document", "its document is not valid JSON" },
        { "document of another key", "does not match the key" },
    };

    [Theory]
    [MemberData(nameof(Damages))]
    public async Task A_damaged_remote_entry_is_a_miss_with_one_warning_and_is_repaired_by_the_rebuild(string damage, string reason)
    {
        await Machine().RunAsync();
        var kernelKey = new CacheStore(machines[0].CacheDirectory).Entries("BuildKernel").Single().Key;
        var document = Path.Combine(server.StoreDirectory, "ac", RemoteEntryDocument.Id("BuildKernel", kernelKey));
        var image = BlobOf(document, "outputs/0/image");
        switch (damage)
        {
            case "corrupt blob": File.WriteAllText(image, File.ReadAllText(image).Replace('B', 'X')); break;
            case "truncated blob": File.WriteAllBytes(image, File.ReadAllBytes(image)[..5]); break;
            case "missing blob": File.Delete(image); break;
            case "truncated document": File.WriteAllBytes(document, File.ReadAllBytes(document)[..100]); break;
            case "document of another key":
                var qemuKey = new CacheStore(machines[0].CacheDirectory).Entries("BuildQemu").Single().Key;
                File.Copy(Path.Combine(server.StoreDirectory, "ac", RemoteEntryDocument.Id("BuildQemu", qemuKey)), document, overwrite: true);
                break;
        }

        var second = Machine();
        var (plan, cache, kit) = await second.RunAsync();

        Assert.Equal(["BuildKernel"], second.Ran);
        Assert.Equal("BuildKernel:Succeeded, BuildQemu:Cached, PackageDebs:Cached", Statuses(plan));
        var warning = Assert.Single(Warnings(kit));
        Assert.StartsWith($"warning: remote cache entry {kernelKey[..8]} of BuildKernel at {server.Url} is unusable (", warning);
        Assert.Contains(reason, warning);
        Assert.EndsWith("): ignored, building locally", warning);
        Assert.StartsWith("the remote entry was unusable", cache.Outcomes[0].Reasons[^1]);
        Assert.DoesNotContain(Directory.GetFileSystemEntries(Path.Combine(second.CacheDirectory, "tmp")), e => !e.EndsWith(".lock", StringComparison.Ordinal));

        var third = Machine();
        var (_, repaired, thirdKit) = await third.RunAsync();
        Assert.Empty(third.Ran);
        Assert.All(repaired.Outcomes, o => Assert.True(o.FromRemote));
        Assert.Empty(Warnings(thirdKit));
    }

    [Fact]
    public async Task A_download_that_breaks_off_is_a_miss_with_one_warning()
    {
        await Machine().RunAsync();
        var kernelKey = new CacheStore(machines[0].CacheDirectory).Entries("BuildKernel").Single().Key;
        var image = Path.GetFileName(BlobOf(Path.Combine(server.StoreDirectory, "ac", RemoteEntryDocument.Id("BuildKernel", kernelKey)), "outputs/0/image"));
        using var breaking = new LocalHttpServer();
        breaking.MapFallback(request => File.Exists(Path.Combine(server.StoreDirectory, request.Path.TrimStart('/')))
            ? new LocalHttpResponse(200, File.ReadAllBytes(Path.Combine(server.StoreDirectory, request.Path.TrimStart('/'))))
            {
                TruncateAfterBytes = request.Path == "/cas/" + image ? 4 : null,
            }
            : LocalHttpResponse.Empty(404));

        var second = Machine(readOnly: true, url: breaking.BaseUri);
        var (plan, _, kit) = await second.RunAsync();

        Assert.Equal(["BuildKernel"], second.Ran);
        Assert.Equal("BuildKernel:Succeeded, BuildQemu:Cached, PackageDebs:Cached", Statuses(plan));
        var warning = Assert.Single(Warnings(kit));
        Assert.StartsWith($"warning: remote cache entry {kernelKey[..8]} of BuildKernel at {breaking.BaseUri} is unusable (cas/{image} ended early (", warning);
    }

    [Fact]
    public async Task Read_only_mode_hits_but_never_writes_to_the_server()
    {
        var reader = Machine(readOnly: true);
        var (plan, _, _) = await reader.RunAsync();

        Assert.Equal("BuildKernel:Succeeded, BuildQemu:Succeeded, PackageDebs:Succeeded", Statuses(plan));
        Assert.DoesNotContain(server.Requests(), r => r.StartsWith("PUT ", StringComparison.Ordinal) || r.StartsWith("HEAD ", StringComparison.Ordinal));
        Assert.Empty(server.StoredFiles("ac"));

        await Machine().RunAsync();
        var otherReader = Machine(readOnly: true);
        var requestsBefore = server.Requests().Count;
        var (_, cache, _) = await otherReader.RunAsync();
        Assert.Empty(otherReader.Ran);
        Assert.All(cache.Outcomes, o => Assert.True(o.FromRemote));
        Assert.All(server.Requests().Skip(requestsBefore), r => Assert.StartsWith("GET ", r));
    }

    [Fact]
    public async Task A_server_that_is_down_is_one_warning_and_the_build_proceeds_locally()
    {
        var down = new Uri($"http://127.0.0.1:{NginxCacheServer.FreePort()}/cache/");
        var machine = Machine(url: down);

        var (plan, cache, kit) = await machine.RunAsync();

        Assert.Equal("BuildKernel:Succeeded, BuildQemu:Succeeded, PackageDebs:Succeeded", Statuses(plan));
        var warning = Assert.Single(Warnings(kit));
        Assert.StartsWith($"warning: remote cache {down} is unavailable (GET ac/", warning);
        Assert.EndsWith(": building locally and not using it for the rest of this run", warning);
        Assert.Equal(3, new CacheStore(machine.CacheDirectory).Targets().Count);
        Assert.Equal("the remote cache was not used (it failed earlier in this run)", cache.Outcomes[1].Reasons[^1]);
    }

    /// <summary>The server's file for the blob an entry document lists for <paramref name="path"/>.</summary>
    string BlobOf(string document, string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(document));
        var line = json.RootElement.GetProperty("sums").GetString()!.Split('\n').Single(l => l.EndsWith(" " + path, StringComparison.Ordinal));
        return Path.Combine(server.StoreDirectory, "cas", line.Split(' ')[0]);
    }
}
