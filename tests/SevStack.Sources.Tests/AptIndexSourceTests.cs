using System.Security.Cryptography;
using SevStack.Engine.Caching;
using SevStack.Toolkit.Processes;
using SevStack.Sources.Apt;
using SevStack.Testing;

namespace SevStack.Sources.Tests;

/// <summary>
/// A mirror that answers 404 for a source package's .dsc (as this one does for trixie's edk2): apt is answered by a
/// script (the failing download, the signed index's file list and entry, apt-helper's verified download from a folder),
/// dpkg-source runs for real on the .dsc written from the index entry and applies the quilt series.
/// </summary>
public sealed class AptIndexSourceTests : IDisposable
{
    const string IndexDscSha256 = "9e2115e7d75a3930b082216ef3378cca040fde049c86f4547e8ed6da1515ffee";
    readonly TempDirectory temp = new("sevstack-apt-index");

    [Fact]
    public async Task Without_the_dsc_the_files_the_index_lists_are_unpacked_and_patched_and_pinned_by_the_index_s_dsc_hash()
    {
        var mirror = await SourcePackageAsync();
        var runner = Apt(mirror);
        var log = new MemoryBuildLog();
        var packages = new AptSourcePackages(runner, log, IsolatedApt());

        var download = await packages.DownloadAsync("hello", null, temp.Combine("cache"), CancellationToken.None);
        await packages.ExtractAsync(download, temp.Combine("work", "hello"), CancellationToken.None);

        Assert.Equal(("2.0-1", IndexDscSha256), (download.Version, download.DscSha256));
        Assert.Equal("hello, patched by Debian\n", File.ReadAllText(temp.Combine("work", "hello", "greeting.txt")));
        Assert.Equal(2, runner.Commands.Count(c => c.Program == "/usr/lib/apt/apt-helper"));
        Assert.All(runner.Commands.Where(c => c.Program == "/usr/lib/apt/apt-helper"), c => Assert.StartsWith("SHA256:", c.Arguments[^1]));
        Assert.DoesNotContain(".dsc", string.Join('\n', File.ReadLines(download.DscPath).Where(l => l.StartsWith(' '))));
        Assert.Contains(log.Lines, l => l.Contains("apt-get source hello failed", StringComparison.Ordinal));
        var again = await packages.DownloadAsync("hello", "2.0-1", temp.Combine("cache"), CancellationToken.None);
        Assert.Equal(IndexDscSha256, again.DscSha256);
    }

    [Fact]
    public async Task A_file_whose_download_apt_helper_refuses_fails_the_fetch()
    {
        var mirror = await SourcePackageAsync();
        var apt = Apt(mirror);
        File.AppendAllText(Path.Combine(mirror, "hello_2.0.orig.tar.xz"), "tampered");
        var packages = new AptSourcePackages(apt, new MemoryBuildLog(), IsolatedApt());

        var failure = await Assert.ThrowsAsync<CommandFailedException>(() => packages.DownloadAsync("hello", null, temp.Combine("cache"), CancellationToken.None));

        Assert.Equal("/usr/lib/apt/apt-helper", failure.Spec.Program);
        Assert.False(Directory.Exists(temp.Combine("cache", "apt", "hello", "2.0-1")));
    }

    /// <summary>The orig tarball and a 3.0 (quilt) debian tarball whose one patch changes greeting.txt, in a "mirror" folder.</summary>
    async Task<string> SourcePackageAsync()
    {
        var mirror = temp.Combine("mirror");
        Directory.CreateDirectory(mirror);
        await new TarballBuilder().File("hello-2.0/greeting.txt", "hello\n").WriteAsync(Path.Combine(mirror, "hello_2.0.orig.tar.xz"));
        await new TarballBuilder()
            .File("debian/source/format", "3.0 (quilt)\n")
            .File("debian/changelog", "hello (2.0-1) trixie; urgency=medium\n\n  * Patched.\n\n -- Someone <someone@example.org>  Mon, 01 Sep 2025 10:00:00 +0000\n")
            .File("debian/patches/series", "greeting.patch\n")
            .File("debian/patches/greeting.patch", "--- a/greeting.txt\n+++ b/greeting.txt\n@@ -1 +1 @@\n-hello\n+hello, patched by Debian\n")
            .WriteAsync(Path.Combine(mirror, "hello_2.0-1.debian.tar.xz"));
        return mirror;
    }

    ScriptedRunner Apt(string mirror)
    {
        var files = new[] { "hello_2.0.orig.tar.xz", "hello_2.0-1.debian.tar.xz" }.Select(name => Path.Combine(mirror, name)).ToList();
        string Sha256(string file) => FileHashes.Sha256(file);
        string Md5(string file) => Convert.ToHexStringLower(MD5.HashData(File.ReadAllBytes(file)));
        var uris = $"'http://mirror.invalid/pool/main/h/hello/hello_2.0-1.dsc' hello_2.0-1.dsc 1234 SHA256:{IndexDscSha256}\n" +
            string.Concat(files.Select(f => $"'http://mirror.invalid/pool/main/h/hello/{Path.GetFileName(f)}' {Path.GetFileName(f)} {new FileInfo(f).Length} SHA256:{Sha256(f)}\n"));
        var entry = "Package: hello\nBinary: hello\nVersion: 2.0-1\nMaintainer: Someone <someone@example.org>\nArchitecture: any\nFormat: 3.0 (quilt)\n" +
            "Files:\n 0123456789abcdef0123456789abcdef 1234 hello_2.0-1.dsc\n" + string.Concat(files.Select(f => $" {Md5(f)} {new FileInfo(f).Length} {Path.GetFileName(f)}\n")) +
            $"Checksums-Sha256:\n {IndexDscSha256} 1234 hello_2.0-1.dsc\n" + string.Concat(files.Select(f => $" {Sha256(f)} {new FileInfo(f).Length} {Path.GetFileName(f)}\n")) +
            "Directory: pool/main/h/hello\n\n";
        // The index is read here, before a test tampers with a file: the hashes above are the good ones.
        return new ScriptedRunner(spec => spec.Program switch
        {
            "apt-get" when spec.Arguments.Contains("--download-only") =>
                throw new CommandFailedException(spec, 100, ["Err:1 http://mirror.invalid/pool/main/h/hello/hello_2.0-1.dsc 404 Not Found", "E: Failed to fetch some archives."], null),
            "apt-get" when spec.Arguments.Contains("--print-uris") => ScriptedRunner.Ok(uris),
            "apt-cache" => ScriptedRunner.Ok(entry),
            "/usr/lib/apt/apt-helper" => Download(spec, mirror),
            _ => null,
        });
    }

    /// <summary>apt-helper download-file URI FILE SHA256:HEX from the mirror folder: refused (exit 100) when the hash differs.</summary>
    static CommandResult Download(CommandSpec spec, string mirror)
    {
        var (destination, expected) = (spec.Arguments[^2], spec.Arguments[^1]["SHA256:".Length..]);
        var source = Path.Combine(mirror, Path.GetFileName(destination));
        if (FileHashes.Sha256(source) != expected)
            throw new CommandFailedException(spec, 100, ["E: Hash Sum mismatch"], null);
        File.Copy(source, destination);
        return ScriptedRunner.Ok();
    }

    AptEnvironment IsolatedApt()
    {
        var apt = AptEnvironment.Isolated(temp.Combine("apt"));
        File.WriteAllText(Path.Combine(apt.SourceParts, "debian.list"), "deb-src http://mirror.invalid/debian trixie main\n");
        return apt;
    }

    public void Dispose() => temp.Dispose();
}
