using SevStack.Toolkit;
using SevStack.Engine.Caching;
using SevStack.Toolkit.Processes;
using SevStack.Sources.Apt;
using SevStack.Sources.Identity;
using SevStack.Sources.Locking;
using SevStack.Testing;

namespace SevStack.Sources.Tests;

public sealed class AptSourceTests : IDisposable
{
    const string SystemSources = "/etc/apt/sources.list.d/debian.sources";
    readonly TempDirectory temp = new("sevstack-apt");

    /// <summary>
    /// An isolated apt state with the machine's first Debian deb entry, narrowed to the main suite (no deb-src),
    /// fetching only Sources indexes to keep the download small.
    /// </summary>
    AptEnvironment IsolatedApt()
    {
        var stanza = File.ReadAllText(SystemSources).Split("\n\n")[0];
        var narrowed = string.Join('\n', stanza.Split('\n').Select(l => l.StartsWith("Suites:", StringComparison.Ordinal) ? "Suites: " + l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] : l));
        var apt = AptEnvironment.Isolated(temp.Combine("apt"), temp.WriteFile("debian.sources", narrowed + "\n"));
        return apt with
        {
            Options =
            [
                .. apt.Options,
                "-o", "Acquire::IndexTargets::deb::Packages::DefaultEnabled=false",
                "-o", "Acquire::IndexTargets::deb::DEP-11::DefaultEnabled=false",
            ],
        };
    }

    [Fact]
    public async Task Real_apt_get_source_of_hello_in_an_isolated_apt_state()
    {
        var apt = IsolatedApt();
        var temporaryFile = new AptSourcePackages(TestTools.Runner(), new MemoryBuildLog(), apt).TemporarySourcesFile;
        bool? presentDuringUpdate = null;
        var log = new MemoryBuildLog();
        var runner = new ScriptedRunner(spec =>
        {
            if (ScriptedRunner.Is(spec, "apt-get", "update"))
                presentDuringUpdate = File.Exists(temporaryFile);
            return null;
        }, log);
        var layout = new SourceLayout(temp.Combine("cache"), temp.Combine("work"), temp.Combine("patches"));
        var lockPath = temp.Combine(SourceLock.FileName);
        var fetcher = new SourceFetcher(runner, log, new HttpClient());

        var fetched = await fetcher.FetchAsync("hello", "apt:hello", layout, SourceLock.Load(lockPath), new FetchOptions { Apt = apt });

        Assert.True(presentDuringUpdate);
        Assert.False(File.Exists(temporaryFile));
        Assert.Empty(Directory.GetFiles("/etc/apt/sources.list.d", "sevstack*"));
        Assert.True(File.Exists(Path.Combine(fetched.Path, "debian", "changelog")));
        Assert.True(File.Exists(Path.Combine(fetched.Path, "configure")));
        Assert.Equal("apt", fetched.Identity.Kind);
        Assert.Equal("hello", fetched.Identity.Url);
        Assert.Matches("^[0-9][^ ]*-[0-9]+$", fetched.Identity.Version);
        var dsc = Assert.Single(Directory.GetFiles(temp.Combine("cache", "apt", "hello"), "*.dsc", SearchOption.AllDirectories));
        Assert.Equal(FileHashes.Sha256(dsc), fetched.Identity.Resolved);
        Assert.NotNull(fetched.Identity.SourceDate);
        Assert.Equal(fetched.Identity.Version, SourceLock.Load(lockPath).Find("debian", "hello")!.Version);

        // Re-run: the locked version is in the cache and the tree is current, so apt is not asked again.
        var commandsBefore = runner.Commands.Count;
        var again = await fetcher.FetchAsync("hello", "apt:hello", layout, SourceLock.Load(lockPath), new FetchOptions { Apt = apt });
        Assert.Equal(fetched.Identity, again.Identity);
        Assert.DoesNotContain(runner.Commands.Skip(commandsBefore), c => c.Program is "apt-get" or "dpkg-source");
    }

    [Fact]
    public async Task The_temporary_deb_src_file_is_removed_when_apt_get_source_fails()
    {
        var apt = IsolatedApt();
        var runner = new ScriptedRunner(spec =>
        {
            if (ScriptedRunner.Is(spec, "apt-get", "update"))
                return ScriptedRunner.Ok();
            if (ScriptedRunner.Is(spec, "apt-get", "source"))
                throw new CommandFailedException(spec, 100, ["E: Unable to find a source package for sevstack-missing"], null);
            return null;
        });
        var packages = new AptSourcePackages(runner, new MemoryBuildLog(), apt);

        await Assert.ThrowsAsync<CommandFailedException>(() => packages.DownloadAsync("sevstack-missing", null, temp.Combine("cache"), CancellationToken.None));

        Assert.Contains(runner.Commands, c => c.Program == "install" && c.Arguments[^1] == packages.TemporarySourcesFile);
        Assert.False(File.Exists(packages.TemporarySourcesFile));
        Assert.Empty(Directory.GetDirectories(temp.Combine("cache", "apt", "sevstack-missing")));
    }

    [Fact]
    public async Task A_locked_version_the_mirror_no_longer_has_names_it_and_the_way_out()
    {
        var apt = IsolatedApt();
        var runner = new ScriptedRunner(spec =>
        {
            if (ScriptedRunner.Is(spec, "apt-get", "update"))
                return ScriptedRunner.Ok();
            if (ScriptedRunner.Is(spec, "apt-get", "source"))
                throw new CommandFailedException(spec, 100, ["E: Can not find version '1:7.2+dfsg-7+deb12u17' of package 'qemu'"], null);
            return null;
        });
        var lockPath = temp.Combine(SourceLock.FileName);
        var sourceLock = SourceLock.Load(lockPath);
        sourceLock.Set("debian", "qemu", new LockEntry("apt:qemu", "apt", new string('1', 64), "1:7.2+dfsg-7+deb12u17"));
        var layout = new SourceLayout(temp.Combine("cache"), temp.Combine("work"), temp.Combine("patches"));

        var error = await Assert.ThrowsAsync<BuildException>(() =>
            new SourceFetcher(runner, new MemoryBuildLog(), new HttpClient()).FetchAsync("qemu", "apt:qemu", layout, sourceLock, new FetchOptions { Apt = apt }));

        Assert.Contains("1:7.2+dfsg-7+deb12u17", error.Message);
        Assert.Contains("--update-lock", error.Message);
        Assert.Contains(runner.Commands, c => ScriptedRunner.Is(c, "apt-get", "qemu=1:7.2+dfsg-7+deb12u17"));
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task The_temporary_deb_src_file_is_removed_when_the_run_is_cancelled()
    {
        var apt = IsolatedApt();
        using var cancellation = new CancellationTokenSource();
        var runner = new ScriptedRunner(spec =>
        {
            if (ScriptedRunner.Is(spec, "apt-get", "update"))
            {
                cancellation.Cancel();
                throw new OperationCanceledException(cancellation.Token);
            }
            return null;
        });
        var packages = new AptSourcePackages(runner, new MemoryBuildLog(), apt);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => packages.DownloadAsync("hello", null, temp.Combine("cache"), cancellation.Token));

        Assert.False(File.Exists(packages.TemporarySourcesFile));
    }

    [Fact]
    public async Task A_file_left_behind_by_a_killed_run_is_removed_and_existing_deb_src_entries_are_used_as_they_are()
    {
        var apt = AptEnvironment.Isolated(temp.Combine("apt"));
        File.WriteAllText(Path.Combine(apt.SourceParts, "debian.list"), "deb-src http://deb.debian.org/debian bookworm main\n");
        var packages = new AptSourcePackages(new ScriptedRunner(_ => null), new MemoryBuildLog(), apt);
        File.WriteAllText(packages.TemporarySourcesFile, "left over");
        var ran = false;

        await packages.WithDebSrcEntriesAsync(() => { ran = true; return Task.CompletedTask; }, CancellationToken.None);

        Assert.True(ran);
        Assert.False(File.Exists(packages.TemporarySourcesFile));
    }

    [Fact]
    public void Deb_src_entries_are_derived_from_one_line_and_deb822_sources()
    {
        var apt = AptEnvironment.Isolated(temp.Combine("apt"));
        File.WriteAllText(apt.SourceList, "# comment\ndeb [arch=amd64 signed-by=/usr/share/keyrings/ubuntu.gpg] http://archive.ubuntu.com/ubuntu jammy main universe\n");
        File.WriteAllText(Path.Combine(apt.SourceParts, "debian.sources"), """
            Types: deb
            # http://snapshot.debian.org/archive/debian/20250520T000000Z
            URIs: http://deb.debian.org/debian
            Suites: bookworm bookworm-updates
            Components: main
            Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

            Types: deb
            URIs: https://deb.nodesource.com/node_20.x
            Suites: nodistro
            Components: main
            Enabled: no
            """);
        File.WriteAllText(Path.Combine(apt.SourceParts, "google.list.disabled"), "deb https://packages.cloud.google.com/apt cloud-sdk main\n");

        Assert.False(DebSrcEntries.AnyDebSrc(apt));
        Approved.Verify(DebSrcEntries.Derive(apt)!, "derived");
    }

    public void Dispose() => temp.Dispose();
}
