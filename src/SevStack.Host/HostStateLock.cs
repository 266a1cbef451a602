using System.Runtime.InteropServices;
using SevStack.Toolkit;
using SevStack.Toolkit.Processes;

namespace SevStack.Host;

/// <summary>
/// Serializes the runs that load, change and save a root's state.json, across processes and clones: an exclusive
/// <c>flock</c> on the root folder itself, so taking it writes nothing into the root (and works through sudo, since
/// any user can open a folder it can read). The kernel drops it when the process ends, however it ends.
/// </summary>
public sealed class HostStateLock : IDisposable
{
    static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    readonly int descriptor;

    HostStateLock(int descriptor) => this.descriptor = descriptor;

    /// <summary>Waits for the lock, saying once in the log what it waits for.</summary>
    public static async Task<HostStateLock> AcquireAsync(TargetRoot root, IBuildLog log, CancellationToken cancellationToken = default)
    {
        var descriptor = Open(root.Path, OpenReadOnly | OpenDirectory | OpenCloseOnExec);
        if (descriptor < 0)
            throw new BuildException($"cannot open {root.Path} to lock its SevStack state (errno {Marshal.GetLastPInvokeError()}); check that the root exists and is readable");
        var told = false;
        while (Flock(descriptor, LockExclusive | LockNonBlocking) != 0)
        {
            if (Marshal.GetLastPInvokeError() != WouldBlock)
            {
                var error = Marshal.GetLastPInvokeError();
                Close(descriptor);
                throw new BuildException($"cannot lock {root.Path} for its SevStack state (errno {error})");
            }
            if (!told)
            {
                log.Info($"waiting for another SevStack run that changes {root} to finish (it holds the lock on {root.Path})");
                told = true;
            }
            try
            {
                await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Close(descriptor);
                throw;
            }
        }
        return new HostStateLock(descriptor);
    }

    public void Dispose() => Close(descriptor);

    const int OpenReadOnly = 0, OpenDirectory = 0x10000, OpenCloseOnExec = 0x80000;
    const int LockExclusive = 2, LockNonBlocking = 4, WouldBlock = 11;

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    static extern int Flock(int descriptor, int operation);

    [DllImport("libc", EntryPoint = "close")]
    static extern int Close(int descriptor);
}
