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
        { "lost exec bit", "checksums differ for outputs/0/bin/tool" },
        { "vanished empty folder", "checksums differ for outputs/0/empty" },
        { "folder mode changed", "checksums differ for outputs/0/bin" },
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
            case "lost exec bit": File.SetUnixFileMode(entry.OutputPath(0) + "/bin/tool", UnixFileMode.UserRead | UnixFileMode.UserWrite); break;
            case "vanished empty folder": Directory.Delete(entry.OutputPath(0) + "/empty"); break;
            case "folder mode changed": File.SetUnixFileMode(entry.OutputPath(0) + "/bin", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute); break;
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

    /// <summary>The format before modes and folders were covered: "&lt;sha256&gt;  &lt;path&gt;" for files and symlinks only.</summary>
    static void WriteOlderFormatSums(CacheEntry entry) =>
        File.WriteAllLines(Path.Combine(entry.Folder, "SHA256SUMS"), Directory.EnumerateFiles(entry.OutputPath(0), "*", SearchOption.AllDirectories)
            .Select(f => $"{(new FileInfo(f).LinkTarget is { } link ? FileHashes.Sha256Text(link) : FileHashes.Sha256(f))}  {Path.GetRelativePath(entry.Folder, f)}"));

    [Fact]
    public async Task An_entry_whose_checksums_an_older_version_wrote_is_reverified_by_content_and_its_list_upgraded()
    {
        await fixture.RunAsync();
        var entry = KernelEntry();
        WriteOlderFormatSums(entry);

        var (plan, _, kit) = await fixture.RunAsync();

        Assert.Empty(fixture.Ran);
        Assert.Equal("BuildKernel:Cached, BuildQemu:Cached, PackageDebs:Cached", Statuses(plan));
        Assert.Contains(kit.Log.Lines, l => l.Contains($"cache entry {entry.Key[..8]} of BuildKernel was stored by an older SevStack: its content matched", StringComparison.Ordinal));
        Assert.StartsWith(Sha256Sums.FormatLine + "\n", File.ReadAllText(Path.Combine(entry.Folder, "SHA256SUMS")));
        Assert.Null(Sha256Sums.Verify(KernelEntry().Folder));
    }

    [Fact]
    public async Task An_older_entry_whose_content_does_not_match_its_list_is_a_miss_and_is_replaced()
    {
        await fixture.RunAsync();
        var entry = KernelEntry();
        WriteOlderFormatSums(entry);
        var file = Directory.EnumerateFiles(entry.OutputPath(0), "*", SearchOption.AllDirectories).First(f => new FileInfo(f).LinkTarget is null);
        File.AppendAllText(file, "damaged");

        var (plan, cache, kit) = await fixture.RunAsync();

        Assert.Equal(["BuildKernel"], fixture.Ran);
        Assert.Equal("BuildKernel:Succeeded, BuildQemu:Cached, PackageDebs:Cached", Statuses(plan));
        Assert.Contains(kit.Log.Lines, l => l.StartsWith($"warning: cache entry {entry.Key[..8]} of BuildKernel was stored by an older SevStack and its SHA256SUMS of the older format does not match", StringComparison.Ordinal));
        Assert.StartsWith("the entry was stored in an older format and", cache.Outcomes[0].Reasons.Single());
        Assert.Null(Sha256Sums.Verify(KernelEntry().Folder));
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
