using SevStack.Engine.Caching;
using SevStack.Toolkit.Processes;

namespace SevStack.Sources.Apt;

/// <summary>
/// Held around each apt operation of ours (deb-src update and source download, an install): first SevStack's own lock,
/// so two fetches (of one run under --parallel, or of two runs) never run apt at once, then a wait until no other
/// program (apt, unattended-upgrades, dpkg) holds apt's or dpkg's lock files, saying who does.
/// </summary>
internal static class AptLock
{
    static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public static async Task<IDisposable> AcquireAsync(AptEnvironment apt, IBuildLog log, CancellationToken cancellationToken)
    {
        var own = await FileLock.AcquireAsync(apt.OwnLock, "SevStack's apt lock", log, cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var path in apt.SystemLocks)
                await WaitUntilFreeAsync(path, log, cancellationToken).ConfigureAwait(false);
            return own;
        }
        catch
        {
            own.Dispose();
            throw;
        }
    }

    static async Task WaitUntilFreeAsync(string path, IBuildLog log, CancellationToken cancellationToken)
    {
        var told = false;
        while (PosixRecordLock.Holder(path) is { } pid)
        {
            if (!told)
                log.Info($"apt: waiting for {path}, held by process {pid} ({PosixRecordLock.ProcessName(pid)}); apt or dpkg is at work");
            told = true;
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
        if (told)
            log.Info($"apt: {path} is free");
    }
}
