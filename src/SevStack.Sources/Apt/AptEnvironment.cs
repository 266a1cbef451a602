namespace SevStack.Sources.Apt;

/// <summary>
/// Which apt configuration commands use: the machine's (<see cref="System"/>, changes need root) or a fully isolated
/// state under one folder (<see cref="Isolated"/>: own sources, lists and cache; nothing in /etc or /var is touched).
/// </summary>
public sealed record AptEnvironment(IReadOnlyList<string> Options, string SourceList, string SourceParts, bool NeedsRoot)
{
    /// <summary>How long apt-get itself waits for dpkg's frontend lock when it loses a race for it after <see cref="AptLock"/> saw it free.</summary>
    public const int DpkgLockTimeoutSeconds = 1800;

    /// <summary>
    /// The machine's apt: apt-get waits for dpkg's frontend lock (<c>DPkg::Lock::Timeout</c>); SevStack's own apt lock is
    /// machine-wide in /run/lock, and its apt work first waits until apt's and dpkg's lock files are free.
    /// </summary>
    public static AptEnvironment System { get; } = new(["-o", $"DPkg::Lock::Timeout={DpkgLockTimeoutSeconds}"], "/etc/apt/sources.list", "/etc/apt/sources.list.d", NeedsRoot: true)
    {
        OwnLock = "/run/lock/sevstack-apt.lock",
        SystemLocks = ["/var/lib/dpkg/lock-frontend", "/var/lib/apt/lists/lock"],
    };

    /// <summary>SevStack's own lock (flock) held around each apt operation of ours, so two never run at once.</summary>
    public required string OwnLock { get; init; }

    /// <summary>The lock files apt and dpkg hold (fcntl record locks) that our apt work waits for; none for an isolated state.</summary>
    public IReadOnlyList<string> SystemLocks { get; init; } = [];

    /// <summary>Where the file system apt installs into is on this machine: "" for this machine's own, a build root's folder for its apt.</summary>
    public string FileRoot { get; init; } = "";

    /// <summary>True when the apt is made with deb-src entries of its own (a build root's), so none are ever added for a fetch.</summary>
    public bool ProvidesDebSrc { get; init; }

    /// <summary>
    /// The apt of a build root at <paramref name="rootDirectory"/>, whose commands run inside the root (the caller's runner
    /// wraps them): its own sources, lists and dpkg, read here through the root's folder; SevStack's lock beside the root.
    /// </summary>
    public static AptEnvironment InRoot(string rootDirectory)
    {
        rootDirectory = Path.GetFullPath(rootDirectory);
        return new AptEnvironment(["-o", $"DPkg::Lock::Timeout={DpkgLockTimeoutSeconds}"],
            rootDirectory + "/etc/apt/sources.list", rootDirectory + "/etc/apt/sources.list.d", NeedsRoot: true)
        {
            OwnLock = rootDirectory + ".apt.lock",
            SystemLocks = [rootDirectory + "/var/lib/dpkg/lock-frontend", rootDirectory + "/var/lib/apt/lists/lock"],
            FileRoot = rootDirectory,
            ProvidesDebSrc = true,
        };
    }

    /// <summary>An apt state below <paramref name="root"/>, with <paramref name="sourcesFiles"/> copied into its sources.list.d.</summary>
    public static AptEnvironment Isolated(string root, params string[] sourcesFiles)
    {
        root = Path.GetFullPath(root);
        var sourceList = Path.Combine(root, "etc", "sources.list");
        var parts = Path.Combine(root, "etc", "sources.list.d");
        var lists = Path.Combine(root, "state", "lists");
        var cache = Path.Combine(root, "cache");
        foreach (var folder in new[] { parts, Path.Combine(lists, "partial"), Path.Combine(cache, "archives", "partial") })
            Directory.CreateDirectory(folder);
        if (!File.Exists(sourceList))
            File.WriteAllText(sourceList, "");
        foreach (var file in sourcesFiles)
            File.Copy(file, Path.Combine(parts, Path.GetFileName(file)), overwrite: true);
        string[] options =
        [
            "-o", $"Dir::Etc::SourceList={sourceList}",
            "-o", $"Dir::Etc::SourceParts={parts}",
            "-o", $"Dir::State={Path.Combine(root, "state")}",
            "-o", $"Dir::State::Lists={lists}",
            "-o", "Dir::State::status=/var/lib/dpkg/status",
            "-o", $"Dir::Cache={cache}",
            "-o", "Debug::NoLocking=1",
            "-o", "APT::Sandbox::User=root",
            "-o", "Acquire::Languages=none",
        ];
        return new AptEnvironment(options, sourceList, parts, NeedsRoot: false) { OwnLock = Path.Combine(root, "sevstack-apt.lock") };
    }
}
