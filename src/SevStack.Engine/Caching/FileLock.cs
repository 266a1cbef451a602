using SevStack.Toolkit.Processes;

namespace SevStack.Engine.Caching;

/// <summary>
/// An exclusive lock held by an open file (<c>FileShare.None</c> is an advisory <c>flock</c> on Linux), so it
/// holds between processes and between handles of one process, and goes away when a killed process's files close.
/// </summary>
public sealed class FileLock : IDisposable
{
    static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    readonly FileStream stream;

    FileLock(FileStream stream) => this.stream = stream;

    public static FileLock? TryAcquire(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Waits for the lock, saying once in <paramref name="log"/> what it waits for.</summary>
    public static Task<FileLock> AcquireAsync(string path, string what, IBuildLog log, CancellationToken cancellationToken) =>
        AcquireAsync(path, what, log.Info, cancellationToken);

    public static async Task<FileLock> AcquireAsync(string path, string what, Action<string> tell, CancellationToken cancellationToken)
    {
        var told = false;
        while (true)
        {
            if (TryAcquire(path) is { } acquired)
                return acquired;
            if (!told)
            {
                tell($"waiting for another build that holds {what} ({path})");
                told = true;
            }
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => stream.Dispose();
}
