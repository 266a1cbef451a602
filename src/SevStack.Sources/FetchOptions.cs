using SevStack.Sources.Apt;
using SevStack.Sources.GitHub;
using SevStack.Toolkit.Processes;

namespace SevStack.Sources;

/// <summary>Switches of a fetch, mostly from the command line.</summary>
public sealed record FetchOptions
{
    /// <summary>The lock file section: debian, amdsev-kata-ubuntu18.04, upstream...</summary>
    public string Profile { get; init; } = "debian";

    /// <summary>--update-lock: record what specs resolve to now instead of failing on a difference.</summary>
    public bool UpdateLock { get; init; }

    /// <summary>--allow-unpinned: accept an https tarball without #sha256 (its hash is then locked).</summary>
    public bool AllowUnpinned { get; init; }

    /// <summary>--discard-local-changes: overwrite a work tree that has uncommitted changes.</summary>
    public bool DiscardLocalChanges { get; init; }

    /// <summary>Resolve refs of repositories on this GitHub through its API; null uses git ls-remote everywhere.</summary>
    public GitHubOptions? GitHub { get; init; }

    public AptEnvironment Apt { get; init; } = AptEnvironment.System;

    /// <summary>Runs the apt work of apt sources (apt-get, dpkg-source, the kernel's tar) where <see cref="Apt"/> is, e.g. inside a build root; null: the fetch's runner.</summary>
    public ICommandRunner? AptRunner { get; init; }
}

/// <summary>Where sources go: downloads and git mirrors (<see cref="CacheDirectory"/>), work trees (<see cref="WorkDirectory"/>/&lt;component&gt;), patch series.</summary>
public sealed record SourceLayout(string CacheDirectory, string WorkDirectory, string PatchesDirectory)
{
    public string WorkTree(string component) => Path.Combine(Path.GetFullPath(WorkDirectory), component);
}

/// <summary>A source tree ready to build, and exactly what it is.</summary>
public sealed record FetchedSource(string Path, Identity.SourceIdentity Identity)
{
    /// <summary>The date builds stamp into what they make (SOURCE_DATE_EPOCH): the source's own, else the epoch.</summary>
    public DateTimeOffset SourceDate() => Identity.SourceDate ?? DateTimeOffset.UnixEpoch;
}
