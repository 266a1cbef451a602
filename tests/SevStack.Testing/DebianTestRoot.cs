using System.Runtime.Versioning;
using SevStack.Toolkit.Processes;

namespace SevStack.Testing;

/// <summary>
/// A throwaway Debian minbase root (12 unless another suite is named; with grub-common and an update-grub stand-in) for
/// tests that install packages into it. The pristine root is made once per suite by make-test-root.sh with debootstrap
/// (about a minute each) and kept as a tarball under
/// /var/tmp/sevstack-test-cache; each root is untarred from it in seconds and removed on dispose. Commands that need
/// root run through sudo when the tests are not root. Nothing of this machine's own /etc or /boot is touched.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class DebianTestRoot : IDisposable
{
    const string CacheFolder = "/var/tmp/sevstack-test-cache";
    public const string DefaultSuite = "bookworm";

    /// <param name="suite">The Debian suite (bullseye, bookworm, trixie).</param>
    public DebianTestRoot(string suite = DefaultSuite)
    {
        var tarball = System.IO.Path.Combine(CacheFolder, $"{suite}-minbase-v1.tar");
        EnsureTarball(tarball, suite);
        Path = Directory.CreateTempSubdirectory($"sevstack-{suite}-root-").FullName;
        RunAsRoot("tar", "-C", Path, "-xf", tarball);
    }

    public string Path { get; }

    /// <summary>Where a path inside the root is on this machine.</summary>
    public string Map(string absolutePath) => Path + absolutePath;

    /// <summary>Runs a command chrooted into the root; a failure is returned, not thrown.</summary>
    public Task<CommandResult> ChrootAsync(params string[] command) => Runner().RunAsync(new CommandSpec("chroot", [Path, .. command])
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

    /// <summary>Does not cross into anything a test mounted inside the root.</summary>
    public void Dispose() => RunAsRoot("rm", "-rf", "--one-file-system", Path);

    /// <summary>The script waits for another test process that is making the tarball, and leaves one that is there.</summary>
    static void EnsureTarball(string tarball, string suite)
    {
        if (File.Exists(tarball))
            return;
        Directory.CreateDirectory(CacheFolder);
        RunAsRoot("sh", System.IO.Path.Combine(AppContext.BaseDirectory, "make-test-root.sh"), tarball, DebianMirror(), suite);
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

    /// <summary>Blocks: roots are made in constructors and class fixtures. The runner does not resume on the caller's context.</summary>
    static void RunAsRoot(string program, params string[] arguments) =>
        Runner().RunAsync(new CommandSpec(program, arguments) { NeedsRoot = true }).GetAwaiter().GetResult();

    static CliWrapCommandRunner Runner() => new(new MemoryBuildLog(), Privilege.Detect());
}
