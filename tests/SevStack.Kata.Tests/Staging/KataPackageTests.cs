using System.Text.Json;
using SevStack.Toolkit.Processes;
using SevStack.Kata.Staging;
using SevStack.Kata.Release;
using SevStack.Packaging;
using SevStack.Sources.GitHub;
using SevStack.Testing;
using Xunit.Abstractions;

namespace SevStack.Kata.Tests.Staging;

/// <summary>The staged 3.x release through the PackageDebs pipeline, inspected with dpkg-deb and lintian.</summary>
public sealed class KataPackageTests(ITestOutputHelper output) : IDisposable
{
    const string Version = "3.18.0";
    readonly FakeKataReleases github = new();
    readonly TempDirectory temp = new("sevstack-kata-deb");
    static CliWrapCommandRunner Runner() => new(new MemoryBuildLog(), Privilege.Detect());

    public void Dispose()
    {
        github.Dispose();
        temp.Dispose();
    }

    async Task<(KataStaging Staging, PackageDebsResult Result)> PackageAsync()
    {
        github.Publish(Version, KataStaticTarball.Create(Version));
        using var http = new HttpClient();
        var staging = await new KataReleaseStager(new MemoryBuildLog(), http).StageAsync(
            new KataReleaseFinder(new MemoryBuildLog(), http, GitHubOptions.At(github.ApiUrl)), Version, temp.Combine("downloads"), temp.Combine("kata-staging"));
        var spec = KataPackage.Spec(staging!, "SevStack CI <ci@sevstack.example.org>", "sevstack1");
        var result = await new PackageDebsPipeline(Runner(), new MemoryBuildLog()).RunAsync(new PackageDebsRequest(temp.Combine("artifacts"), [spec], []));
        return (staging!, result);
    }

    static async Task<string> Output(params string[] argv) => (await Runner().RunAsync(new CommandSpec(argv[0], argv[1..]))).StandardOutput;

    [Fact]
    public async Task The_package_ships_only_opt_kata_and_its_docs_with_computed_depends_and_a_manifest_entry()
    {
        var (staging, result) = await PackageAsync();
        var deb = temp.Combine("artifacts", "debs", "sevstack-kata_3.18.0-sevstack1_amd64.deb");

        var contents = await Output("dpkg-deb", "-c", deb);
        var info = await Output("dpkg-deb", "-I", deb);
        var fields = await Output("dpkg-deb", "-f", deb, "Package", "Version", "Architecture", "Depends");
        using var manifest = JsonDocument.Parse(File.ReadAllText(temp.Combine("artifacts", "manifest.json")));

        var paths = contents.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[5]).ToList();
        Assert.Contains("./opt/kata/bin/containerd-shim-kata-v2", paths);
        Assert.Contains("./opt/kata/share/kata-containers/vmlinuz-6.12.28-153", paths);
        Assert.Contains(contents.Split('\n'), l => l.Contains("./opt/kata/share/defaults/kata-containers/configuration.toml -> configuration-qemu-sev.toml", StringComparison.Ordinal));
        var files = contents.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('d')).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[5]).ToList();
        Assert.All(files, p => Assert.True(p.StartsWith("./opt/kata/", StringComparison.Ordinal)
            || p.StartsWith("./usr/share/doc/sevstack-kata/", StringComparison.Ordinal) || p == "./usr/share/lintian/overrides/sevstack-kata",
            $"{p} is outside /opt/kata and the package's own docs"));
        Assert.Equal(11, files.Count); // seven from the tarball, copyright, changelog, build report, lintian overrides
        Assert.Contains(contents.Split('\n'), l => l.StartsWith("-rwxr-xr-x root/root", StringComparison.Ordinal) && l.EndsWith("./opt/kata/bin/kata-runtime", StringComparison.Ordinal));
        Assert.Contains("Package: sevstack-kata\nVersion: 3.18.0-sevstack1\nArchitecture: amd64\nDepends: libc6 (>= ", fields);
        Assert.Contains(" Kata Containers 3.18.0 as published by the Kata project", info);
        Assert.Contains("md5sums", info);

        var record = Assert.Single(manifest.RootElement.GetProperty("packages").EnumerateArray());
        Assert.Equal("sevstack-kata", record.GetProperty("name").GetString());
        Assert.Equal("debs/sevstack-kata_3.18.0-sevstack1_amd64.deb", record.GetProperty("file").GetString());
        Assert.Equal(staging.Source.Key(), record.GetProperty("cacheKey").GetString());
        Assert.Equal(staging.Source.Resolved, record.GetProperty("source").GetProperty("revision").GetString());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(deb))), record.GetProperty("sha256").GetString());
        Assert.Single(result.Manifest.Packages);
    }

    // As the packaging tests run it: without --show-overrides (lintian 2.116 exits 2 when it shows overridden errors).
    [Fact]
    public async Task Lintian_finds_no_errors()
    {
        await PackageAsync();
        var deb = temp.Combine("artifacts", "debs", "sevstack-kata_3.18.0-sevstack1_amd64.deb");

        var lintian = await Runner().RunAsync(new CommandSpec("lintian", "--fail-on", "error", "--display-level", ">=pedantic", "--tag-display-limit", "0", deb)
        {
            AllowFailure = true,
            Environment = new Dictionary<string, string?> { ["LANG"] = "C.UTF-8" },
        });
        output.WriteLine(lintian.StandardOutput + lintian.StandardError);

        Assert.DoesNotContain(lintian.StandardOutput.Split('\n'), l => l.StartsWith("E: ", StringComparison.Ordinal));
        Assert.Equal(0, lintian.ExitCode);
    }
}
