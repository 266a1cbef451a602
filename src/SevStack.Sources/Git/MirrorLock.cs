namespace SevStack.Sources.Git;

/// <summary>
/// An exclusive lock on one mirror (<c>&lt;mirror&gt;.lock</c>, held open with FileShare.None), so components that share
/// a repository (host and guest kernel) can be fetched in parallel without two git processes racing on its shallow file.
/// </summary>
internal sealed class MirrorLock : IDisposable
{
    readonly FileStream file;

    MirrorLock(FileStream file) => this.file = file;

    public static async Task<MirrorLock> AcquireAsync(string mirrorPath, CancellationToken cancellationToken)
    {
        var path = mirrorPath.TrimEnd('/') + ".lock";
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        while (true)
        {
            try
            {
                return new MirrorLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    public void Dispose() => file.Dispose();
}
