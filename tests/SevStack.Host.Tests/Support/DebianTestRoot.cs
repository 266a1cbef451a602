namespace SevStack.Host.Tests.Support;

/// <summary>
/// A fresh Debian 12 minbase root (with grub-common and an update-grub stand-in) unpacked from a cached tarball;
/// the tarball is made once by make-test-root.sh with debootstrap.
/// </summary>
public sealed class DebianTestRoot : IDisposable
{
    const string CacheFolder = "/var/tmp/sevstack-test-cache";
    static readonly string Tarball = System.IO.Path.Combine(CacheFolder, "bookworm-minbase-v1.tar");
    static readonly Lock CacheLock = new();

    internal DebianTestRoot()
    {
        EnsureTarball();
        Path = Directory.CreateTempSubdirectory("sevstack-host-root-").FullName;
        Shell.Run("tar", "-C", Path, "-xf", Tarball);
    }

    public string Path { get; }

    public string Map(string absolutePath) => Path + absolutePath;

    public void Dispose() => Shell.Run("rm", "-rf", "--one-file-system", Path);

    static void EnsureTarball()
    {
        lock (CacheLock)
        {
            if (File.Exists(Tarball)) return;
            Directory.CreateDirectory(CacheFolder);
            Shell.Run("sh", System.IO.Path.Combine(AppContext.BaseDirectory, "make-test-root.sh"), Tarball, Mirror());
        }
    }

    static string Mirror()
    {
        const string sources = "/etc/apt/sources.list.d/debian.sources";
        var uri = File.Exists(sources)
            ? File.ReadAllLines(sources).Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("URIs:", StringComparison.Ordinal))?["URIs:".Length..].Trim().Split(' ')[0]
            : null;
        return uri ?? "http://deb.debian.org/debian";
    }
}
