using System.IO.Compression;
using SevStack.Engine.Caching;
using SevStack.Toolkit.Processes;
using SevStack.Sources.Apt;
using SevStack.Testing;

namespace SevStack.Sources.Tests;

/// <summary>
/// apt:linux without touching this machine: apt-cache and apt-get download are answered by a script that hands over a
/// real linux-source .deb (made with dpkg-deb); dpkg-deb and tar run for real, and nothing is installed.
/// </summary>
public sealed class KernelSourcePackageTests : IDisposable
{
    readonly TempDirectory temp = new("sevstack-kernel");

    [Fact]
    public async Task Downloads_linux_source_without_installing_it_then_hashes_and_unpacks_its_tarball()
    {
        var (deb, tarball) = await LinuxSourceDebAsync("6.1.158-1", " -- Salvatore Bonaccorso <carnil@debian.org>  Sat, 22 Nov 2025 10:13:52 +0100");
        var runner = Apt(deb);
        var kernel = new KernelSourcePackage(runner, new MemoryBuildLog(), MachineApt());

        var source = await kernel.DownloadAsync(version: null, temp.Combine("cache"), CancellationToken.None);
        await kernel.ExtractAsync(source, temp.Combine("work", "kernel"), CancellationToken.None);

        var download = Assert.Single(runner.Commands, c => c.Program == "apt-get");
        Assert.Equal(["-o", "DPkg::Lock::Timeout=1800", "download", "-q", "linux-source-6.1"], download.Arguments);
        Assert.False(download.NeedsRoot);
        Assert.DoesNotContain(runner.Commands, c => c.Arguments.Contains("install"));
        Assert.Equal("linux-source-6.1", source.Package);
        Assert.Equal("6.1.158-1", source.Version);
        Assert.Equal(tarball, source.Sha256);
        Assert.Equal(temp.Combine("cache", "apt", "linux-source-6.1", "6.1.158-1", "usr", "src", "linux-source-6.1.tar.xz"), source.TarballPath);
        Assert.Equal(new DateTimeOffset(2025, 11, 22, 10, 13, 52, TimeSpan.FromHours(1)), source.ChangelogDate);
        Assert.Equal("VERSION = 6\nPATCHLEVEL = 1\n", File.ReadAllText(temp.Combine("work", "kernel", "Makefile")));
        Assert.Single(Directory.GetFileSystemEntries(temp.Combine("work")));
        Assert.Empty(Directory.GetFiles(temp.Combine("cache", "apt", "linux-source-6.1"), "*.deb", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_downloaded_version_is_not_downloaded_again()
    {
        var (deb, tarball) = await LinuxSourceDebAsync("6.1.158-1", " -- Ben <ben@decadent.org.uk>  Mon, 01 Sep 2025 10:00:00 +0000");
        await new KernelSourcePackage(Apt(deb), new MemoryBuildLog(), MachineApt()).DownloadAsync("6.1.158-1", temp.Combine("cache"), CancellationToken.None);
        var again = new ScriptedRunner(spec => spec.Program switch
        {
            "apt-cache" => ScriptedRunner.Ok("linux-source\n  Depends: linux-source-6.1\n"),
            _ => throw new InvalidOperationException($"must not run {spec.Program}"),
        });

        var source = await new KernelSourcePackage(again, new MemoryBuildLog(), MachineApt()).DownloadAsync("6.1.158-1", temp.Combine("cache"), CancellationToken.None);

        Assert.Equal(("6.1.158-1", tarball), (source.Version, source.Sha256));
    }

    [Fact]
    public async Task A_dry_run_only_prints_the_download_and_hashes_nothing()
    {
        var queries = new ScriptedRunner(spec => spec.Program switch
        {
            "apt-cache" => ScriptedRunner.Ok("linux-source\n  Depends: linux-source-6.1\n"),
            _ => throw new InvalidOperationException($"a dry run must not run {spec.Program}"),
        });
        var log = new MemoryBuildLog();
        var dryRun = new DryRunCommandRunner(log, new Privilege(IsRoot: true), queries);

        var source = await new KernelSourcePackage(dryRun, log, MachineApt()).DownloadAsync("6.1.158-2", temp.Combine("cache"), CancellationToken.None);

        Assert.Equal(("6.1.158-2", ""), (source.Version, source.Sha256));
        Assert.Contains(log.Lines, l => l.StartsWith("would run: ", StringComparison.Ordinal) && l.Contains("download -q linux-source-6.1=6.1.158-2", StringComparison.Ordinal));
        Assert.False(Directory.Exists(temp.Combine("cache", "apt", "linux-source-6.1")) && Directory.EnumerateFileSystemEntries(temp.Combine("cache", "apt", "linux-source-6.1")).Any());
    }

    /// <summary>A linux-source-6.1 .deb as Debian ships it: the tarball under /usr/src and the changelog under /usr/share/doc.</summary>
    async Task<(string Deb, string TarballSha256)> LinuxSourceDebAsync(string version, string trailer)
    {
        var tree = temp.Combine("deb-tree");
        Directory.CreateDirectory(Path.Combine(tree, "DEBIAN"));
        File.WriteAllText(Path.Combine(tree, "DEBIAN", "control"),
            $"Package: linux-source-6.1\nVersion: {version}\nArchitecture: all\nMaintainer: Debian Kernel Team <debian-kernel@lists.debian.org>\nDescription: Linux kernel source\n");
        Directory.CreateDirectory(Path.Combine(tree, "usr", "src"));
        var tarball = await new TarballBuilder().File("linux-source-6.1/Makefile", "VERSION = 6\nPATCHLEVEL = 1\n")
            .WriteAsync(Path.Combine(tree, "usr", "src", "linux-source-6.1.tar.xz"));
        var changelog = Path.Combine(tree, "usr", "share", "doc", "linux-source-6.1", "changelog.Debian.gz");
        Directory.CreateDirectory(Path.GetDirectoryName(changelog)!);
        await using (var gzip = new GZipStream(File.Create(changelog), CompressionLevel.Fastest))
        await using (var writer = new StreamWriter(gzip))
            await writer.WriteAsync($"linux ({version}) bookworm-security; urgency=high\n\n  * New upstream stable update\n\n{trailer}\n");
        var deb = temp.Combine($"linux-source-6.1_{version}_all.deb");
        await TestTools.Runner().RunAsync(new CommandSpec("dpkg-deb", "--root-owner-group", "--build", tree, deb));
        return (deb, FileHashes.Sha256(tarball));
    }

    /// <summary>apt answered by a script: linux-source depends on linux-source-6.1, and apt-get download puts <paramref name="deb"/> into its working folder.</summary>
    static ScriptedRunner Apt(string deb) => new(spec => spec.Program switch
    {
        "apt-cache" => ScriptedRunner.Ok("linux-source\n  Depends: linux-source-6.1\n  Recommends: bc\n"),
        "apt-get" => CopyInto(deb, spec.WorkingDirectory!),
        _ => null,
    });

    static CommandResult CopyInto(string file, string folder)
    {
        File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        return ScriptedRunner.Ok();
    }

    /// <summary>The machine's apt settings with SevStack's apt lock in the temp folder and no wait for this machine's dpkg.</summary>
    AptEnvironment MachineApt() => AptEnvironment.System with { OwnLock = temp.Combine("sevstack-apt.lock"), SystemLocks = [] };

    public void Dispose() => temp.Dispose();
}
