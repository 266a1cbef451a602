using SevStack.Toolkit;
using System.Diagnostics;
using SevStack.Toolkit.Processes;
using SevStack.Sources.Apt;
using SevStack.Testing;

namespace SevStack.Sources.Tests;

/// <summary>apt work waits for apt's and dpkg's locks held by another program, and two apt operations of ours never overlap.</summary>
public sealed class AptLockTests : IDisposable
{
    readonly TempDirectory temp = new("sevstack-apt-lock");

    [Fact]
    public async Task A_kernel_source_download_waits_while_another_process_holds_the_dpkg_lock_and_says_who()
    {
        var dpkgLock = temp.WriteFile("lock-frontend", "");
        var apt = AptEnvironment.System with { OwnLock = temp.Combine("sevstack-apt.lock"), SystemLocks = [dpkgLock] };
        var runner = new ScriptedRunner(spec => spec.Program switch
        {
            "apt-cache" => ScriptedRunner.Ok("linux-source\n  Depends: linux-source-6.1\n"),
            "apt-get" => ScriptedRunner.Ok(),
            _ => null,
        });
        var log = new MemoryBuildLog();
        using var holder = HoldRecordLock(dpkgLock);

        var download = new KernelSourcePackage(runner, log, apt).DownloadAsync(null, temp.Combine("cache"), CancellationToken.None);
        await WaitUntil(() => log.Lines.Any(l => l.StartsWith("apt: waiting for", StringComparison.Ordinal)));
        await Task.Delay(700);

        Assert.False(download.IsCompleted);
        Assert.DoesNotContain(runner.Commands, c => c.Program == "apt-get");
        Assert.Contains($"apt: waiting for {dpkgLock}, held by process {holder.Id} (perl); apt or dpkg is at work", log.Lines);
        holder.Kill();
        await holder.WaitForExitAsync();
        // The scripted apt-get downloads nothing, which the download then reports.
        var failure = await Assert.ThrowsAsync<BuildException>(() => download.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("left no single linux-source-6.1_*.deb", failure.Message);
        Assert.Single(runner.Commands, c => c.Program == "apt-get");
        Assert.Contains($"apt: {dpkgLock} is free", log.Lines);
    }

    [Fact]
    public async Task Two_deb_src_downloads_at_once_take_turns_and_each_keeps_its_temporary_sources_file()
    {
        var apt = AptEnvironment.Isolated(temp.Combine("apt"));
        File.WriteAllText(Path.Combine(apt.SourceParts, "debian.list"), "deb http://deb.debian.org/debian bookworm main\n");
        var runner = new ScriptedRunner(spec => spec.Program == "apt-get" ? ScriptedRunner.Ok() : null);
        var first = new AptSourcePackages(runner, new MemoryBuildLog(), apt);
        var second = new AptSourcePackages(runner, new MemoryBuildLog(), apt);
        var release = new TaskCompletionSource();
        var firstInside = new TaskCompletionSource();
        var secondEntered = false;
        var fileDuringSecond = false;

        var one = first.WithDebSrcEntriesAsync(async () => { firstInside.SetResult(); await release.Task; }, CancellationToken.None);
        await firstInside.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var two = Task.Run(() => second.WithDebSrcEntriesAsync(() => { secondEntered = true; fileDuringSecond = File.Exists(second.TemporarySourcesFile); return Task.CompletedTask; }, CancellationToken.None));
        await Task.Delay(700);

        Assert.False(secondEntered);
        Assert.True(File.Exists(first.TemporarySourcesFile));
        Assert.Single(runner.Commands, c => ScriptedRunner.Is(c, "apt-get", "update"));
        release.SetResult();
        await Task.WhenAll(one, two).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(secondEntered);
        Assert.True(fileDuringSecond);
        Assert.False(File.Exists(first.TemporarySourcesFile));
        Assert.Equal(2, runner.Commands.Count(c => ScriptedRunner.Is(c, "apt-get", "update")));
    }

    /// <summary>A perl process holding an fcntl write lock on <paramref name="path"/>, as apt holds dpkg's lock-frontend.</summary>
    static Process HoldRecordLock(string path)
    {
        const string script = """use Fcntl; open(my $f, ">>", $ARGV[0]) or die "$!"; my $l = pack("s s x4 q q l x4", F_WRLCK, 0, 0, 0, 0); fcntl($f, F_SETLK, $l) or die "lock: $!"; $| = 1; print "locked\n"; sleep 120;""";
        var process = Process.Start(new ProcessStartInfo("perl", ["-e", script, path]) { RedirectStandardOutput = true })!;
        Assert.Equal("locked", process.StandardOutput.ReadLine());
        return process;
    }

    static async Task WaitUntil(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited += 20)
        {
            Assert.True(waited < 10_000, "timed out");
            await Task.Delay(20);
        }
    }

    public void Dispose() => temp.Dispose();
}
