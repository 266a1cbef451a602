using SevStack.Engine.Caching;
using static SevStack.Engine.Tests.EngineTestKit;

namespace SevStack.Engine.Tests.Caching;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class CacheIntegrityTests : IDisposable
{
    readonly CacheFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    CacheEntry KernelEntry() => new CacheStore(fixture.CacheDirectory).Entries("BuildKernel").Single();

    public static TheoryData<string, string> Tamperings => new()
    {
        { "changed file", "checksums differ for outputs/0/image" },
        { "extra file", "checksums differ for outputs/0/bin/extra" },
        { "missing file", "checksums differ for outputs/0/bin/tool" },
        { "retargeted symlink", "checksums differ for outputs/0/current" },
        { "missing SHA256SUMS", "SHA256SUMS is missing" },
        { "edited manifest", "manifest.json does not match its key" },
    };

    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task A_tampered_entry_is_reported_evicted_and_rebuilt(string tampering, string reason)
    {
        await fixture.RunAsync();
        var entry = KernelEntry();
        switch (tampering)
        {
            case "changed file": File.WriteAllText(entry.OutputPath(0) + "/image", "evil"); break;
            case "extra file": File.WriteAllText(entry.OutputPath(0) + "/bin/extra", "evil"); break;
            case "missing file": File.Delete(entry.OutputPath(0) + "/bin/tool"); break;
            case "retargeted symlink":
                File.Delete(entry.OutputPath(0) + "/current");
                File.CreateSymbolicLink(entry.OutputPath(0) + "/current", "/etc/passwd");
                break;
            case "missing SHA256SUMS": File.Delete(Path.Combine(entry.Folder, "SHA256SUMS")); break;
            case "edited manifest": File.AppendAllText(entry.ManifestPath, " "); break;
        }

        var (plan, cache, kit) = await fixture.RunAsync();

        Assert.Equal(["BuildKernel"], fixture.Ran);
        Assert.Equal("BuildKernel:Succeeded, BuildQemu:Cached, PackageDebs:Cached", Statuses(plan));
        var warning = Assert.Single(kit.Log.Lines, l => l.StartsWith("warning: ", StringComparison.Ordinal));
        Assert.Equal($"warning: cache entry {entry.Key[..8]} of BuildKernel is corrupt ({reason}): evicted, rebuilding", warning);
        Assert.StartsWith("the entry was corrupt", cache.Outcomes[0].Reasons.Single());
        Assert.Null(Sha256Sums.Verify(KernelEntry().Folder));

        await fixture.RunAsync();
        Assert.Empty(fixture.Ran);
    }

    [Fact]
    public async Task A_folder_without_a_manifest_is_not_an_entry()
    {
        await fixture.RunAsync();
        var entry = KernelEntry();
        File.Delete(entry.ManifestPath);

        var (plan, _, _) = await fixture.RunAsync();

        Assert.Equal(["BuildKernel"], fixture.Ran);
        Assert.Equal("BuildKernel:Succeeded, BuildQemu:Cached, PackageDebs:Cached", Statuses(plan));
        Assert.True(File.Exists(KernelEntry().ManifestPath));
    }

    [Fact]
    public async Task The_manifest_is_canonical_json_whose_hash_is_the_key()
    {
        await fixture.RunAsync();
        var entry = KernelEntry();
        var json = File.ReadAllText(entry.ManifestPath);

        Assert.Equal(entry.Key, FileHashes.Sha256Text(json));
        Assert.Equal(Path.GetFileName(entry.Folder), entry.Key);
        Assert.Matches("""
            ^\{
              "keySchema": 1,
              "target": "BuildKernel",
              "recipe": "kernel-1",
              "inputs": \{
                "config": "sha256:[0-9a-f]{64}",
                "flavour": "host",
                "patches": "0001-sev.patch sha256:[0-9a-f]{64}\\n0002-snp.patch sha256:[0-9a-f]{64}",
                "source": "sha256:[0-9a-f]{64}"
              \},
              "tools": \{
                "cc": "cc \(Debian 14.2.0\) 14.2.0"
              \},
              "upstream": \{\}
            \}
            $
            """.Replace("\r\n", "\n", StringComparison.Ordinal), json);
    }
}
