using SevStack.Engine.Processes;
using SevStack.Testing;

namespace SevStack.Packaging.Tests;

/// <summary>
/// A throwaway Debian 12 minbase root for install tests. The pristine root is debootstrapped once (~30 s) and
/// kept as a tarball under /var/tmp/sevstack-test-cache; later roots are untarred from it in well under a second.
/// Nothing of this machine's own /etc or /boot is touched: every command runs chrooted into the temporary root.
/// </summary>
public sealed class DebootstrapRoot : IDisposable
{
    const string CacheFolder = "/var/tmp/sevstack-test-cache";
    static readonly string Tarball = System.IO.Path.Combine(CacheFolder, "packaging-bookworm-minbase.tar");
    static readonly SemaphoreSlim CacheLock = new(1, 1);

    readonly TempDirectory temp = new("sevstack-root");

    DebootstrapRoot() { }

    public string Path => temp.Combine("root");

    public string Combine(string absolutePath) => temp.Combine("root", absolutePath.TrimStart('/'));

    public static async Task<DebootstrapRoot> CreateAsync()
    {
        await EnsureTarballAsync();
        var root = new DebootstrapRoot();
        Directory.CreateDirectory(root.Path);
        await Tools.Runner().RunAsync(new CommandSpec("tar", "-C", root.Path, "-xf", Tarball) { NeedsRoot = true });
        return root;
    }

    public Task<CommandResult> ChrootAsync(params string[] command) => Tools.Runner().RunAsync(new CommandSpec("chroot", [Path, .. command])
    {
        NeedsRoot = true,
        AllowFailure = true,
        Environment = new Dictionary<string, string?>
        {
            ["DEBIAN_FRONTEND"] = "noninteractive",
            ["LC_ALL"] = "C",
            ["PATH"] = "/usr/sbin:/usr/bin:/sbin:/bin",
        },
    });

    static async Task EnsureTarballAsync()
    {
        await CacheLock.WaitAsync();
        try
        {
            if (File.Exists(Tarball))
                return;
            Directory.CreateDirectory(CacheFolder);
            using var build = new TempDirectory("sevstack-debootstrap");
            var target = build.Combine("root");
            var runner = Tools.Runner();
            await runner.RunAsync(new CommandSpec("debootstrap", "--variant=minbase", "bookworm", target, DebianMirror()) { NeedsRoot = true });
            var partial = $"{Tarball}.{Environment.ProcessId}.partial";
            await runner.RunAsync(new CommandSpec("tar", "-C", target, "-cf", partial, ".") { NeedsRoot = true });
            File.Move(partial, Tarball, overwrite: true);
        }
        finally
        {
            CacheLock.Release();
        }
    }

    /// <summary>The mirror this machine's apt uses (deb822 sources), so debootstrap works where the host's apt works.</summary>
    static string DebianMirror()
    {
        const string sources = "/etc/apt/sources.list.d/debian.sources";
        var uri = File.Exists(sources)
            ? File.ReadLines(sources).Select(l => l.Trim())
                .Where(l => l.StartsWith("URIs:", StringComparison.Ordinal))
                .Select(l => l["URIs:".Length..].Trim().Split(' ')[0])
                .FirstOrDefault(u => !u.Contains("security", StringComparison.Ordinal))
            : null;
        return uri ?? "http://deb.debian.org/debian";
    }

    public void Dispose() => temp.Dispose();
}
