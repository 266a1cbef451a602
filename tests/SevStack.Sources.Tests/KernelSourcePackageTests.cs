using System.IO.Compression;
using SevStack.Engine.Caching;
using SevStack.Toolkit.Processes;
using SevStack.Sources.Apt;
using SevStack.Sources.Identity;
using SevStack.Testing;

namespace SevStack.Sources.Tests;

/// <summary>
/// apt:linux without touching this machine: apt-cache, dpkg-query and apt-get install are answered by a script,
/// the linux-source tarball and changelog live in a temp /usr/src and /usr/share/doc; tar runs for real.
/// </summary>
public sealed class KernelSourcePackageTests : IDisposable
{
    readonly TempDirectory temp = new("sevstack-kernel");

    [Fact]
    public async Task Installs_linux_source_as_root_then_hashes_and_unpacks_its_tarball()
    {
        var usrSrc = temp.Combine("usr-src");
        Directory.CreateDirectory(usrSrc);
        var tarball = await new TarballBuilder().File("linux-source-6.1/Makefile", "VERSION = 6\nPATCHLEVEL = 1\n")
            .WriteAsync(Path.Combine(usrSrc, "linux-source-6.1.tar.xz"));
        WriteChangelog("linux-source-6.1", " -- Salvatore Bonaccorso <carnil@debian.org>  Sat, 22 Nov 2025 10:13:52 +0100");
        var installed = false;
        var runner = new ScriptedRunner(spec => spec.Program switch
        {
            "apt-cache" => ScriptedRunner.Ok("linux-source\n  Depends: linux-source-6.1\n  Recommends: bc\n"),
            "dpkg-query" => installed ? ScriptedRunner.Ok("installed 6.1.158-1") : new CommandResult(1, "", "no packages found", TimeSpan.Zero),
            "apt-get" => Install(ref installed),
            _ => null,
        });
        var kernel = new KernelSourcePackage(runner, new MemoryBuildLog(), MachineApt(), usrSrc, temp.Combine("doc"));

        var source = await kernel.InstallAsync(version: null, CancellationToken.None);
        await kernel.ExtractAsync(source, temp.Combine("work", "kernel"), CancellationToken.None);

        var install = Assert.Single(runner.Commands, c => c.Program == "apt-get");
        Assert.True(install.NeedsRoot);
        Assert.Equal(["-o", "DPkg::Lock::Timeout=1800", "install", "-y", "-q", "--no-install-recommends", "linux-source-6.1"], install.Arguments);
        Assert.Equal("linux-source-6.1", source.Package);
        Assert.Equal("6.1.158-1", source.Version);
        Assert.Equal(FileHashes.Sha256(tarball), source.Sha256);
        Assert.Equal(new DateTimeOffset(2025, 11, 22, 10, 13, 52, TimeSpan.FromHours(1)), source.ChangelogDate);
        Assert.Equal("VERSION = 6\nPATCHLEVEL = 1\n", File.ReadAllText(temp.Combine("work", "kernel", "Makefile")));
        Assert.Single(Directory.GetFileSystemEntries(temp.Combine("work")));
    }

    [Fact]
    public async Task An_installed_package_of_the_wanted_version_is_not_installed_again()
    {
        var usrSrc = temp.Combine("usr-src");
        Directory.CreateDirectory(usrSrc);
        await new TarballBuilder().File("linux-source-6.1/Makefile", "x").WriteAsync(Path.Combine(usrSrc, "linux-source-6.1.tar.xz"));
        var runner = new ScriptedRunner(spec => spec.Program switch
        {
            "apt-cache" => ScriptedRunner.Ok("linux-source\n  Depends: linux-source-6.1\n"),
            "dpkg-query" => ScriptedRunner.Ok("installed 6.1.158-1"),
            "apt-get" => throw new InvalidOperationException("must not install"),
            _ => null,
        });

        var source = await new KernelSourcePackage(runner, new MemoryBuildLog(), MachineApt(), usrSrc, temp.Combine("doc"))
            .InstallAsync("6.1.158-1", CancellationToken.None);

        Assert.Equal("6.1.158-1", source.Version);
        Assert.Null(source.ChangelogDate);
    }

    /// <summary>The machine's apt settings with SevStack's apt lock in the temp folder and no wait for this machine's dpkg.</summary>
    [Fact]
    public async Task A_dry_run_that_would_install_another_version_does_not_hash_the_tarball_of_the_installed_one()
    {
        var usrSrc = temp.Combine("usr-src");
        Directory.CreateDirectory(usrSrc);
        await new TarballBuilder().File("linux-source-6.1/Makefile", "a newer security update").WriteAsync(Path.Combine(usrSrc, "linux-source-6.1.tar.xz"));
        var queries = new ScriptedRunner(spec => spec.Program switch
        {
            "apt-cache" => ScriptedRunner.Ok("linux-source\n  Depends: linux-source-6.1\n"),
            "dpkg-query" => ScriptedRunner.Ok("installed 6.1.158-3"),
            _ => throw new InvalidOperationException($"a dry run must not run {spec.Program}"),
        });
        var log = new MemoryBuildLog();
        var dryRun = new DryRunCommandRunner(log, new Privilege(IsRoot: true), queries);

        var source = await new KernelSourcePackage(dryRun, log, MachineApt(), usrSrc, temp.Combine("doc")).InstallAsync("6.1.158-2", CancellationToken.None);

        Assert.Equal(("6.1.158-2", ""), (source.Version, source.Sha256));
        Assert.Contains(log.Lines, l => l.StartsWith("would run: ", StringComparison.Ordinal) && l.Contains("install -y -q --no-install-recommends --allow-downgrades linux-source-6.1=6.1.158-2", StringComparison.Ordinal));
    }

    AptEnvironment MachineApt() => AptEnvironment.System with { OwnLock = temp.Combine("sevstack-apt.lock"), SystemLocks = [] };

    static CommandResult Install(ref bool installed)
    {
        installed = true;
        return ScriptedRunner.Ok();
    }

    void WriteChangelog(string package, string trailer)
    {
        var path = temp.Combine("doc", package, "changelog.Debian.gz");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest);
        using var writer = new StreamWriter(gzip);
        writer.Write($"linux (6.1.158-1) bookworm-security; urgency=high\n\n  * New upstream stable update\n\n{trailer}\n\nlinux (6.1.153-1) bookworm; urgency=medium\n\n -- Ben <ben@decadent.org.uk>  Mon, 01 Sep 2025 10:00:00 +0000\n");
    }

    public void Dispose() => temp.Dispose();
}
