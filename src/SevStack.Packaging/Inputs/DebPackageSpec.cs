namespace SevStack.Packaging.Inputs;

/// <summary>Everything needed to turn one staged install tree into one binary package.</summary>
public sealed record DebPackageSpec
{
    /// <summary>Package name, e.g. "sevstack-qemu".</summary>
    public required string Name { get; init; }

    /// <summary>Upstream version, e.g. "8.2.0"; must start with a digit.</summary>
    public required string UpstreamVersion { get; init; }

    /// <summary>Our revision, e.g. "sevstack1"; the package version is "&lt;upstream&gt;-&lt;suffix&gt;".</summary>
    public required string BuildSuffix { get; init; }

    /// <summary>dpkg architecture: "amd64" for binaries, "all" for firmware images and data.</summary>
    public required string Architecture { get; init; }

    /// <summary>"Full Name &lt;address&gt;".</summary>
    public required string Maintainer { get; init; }

    /// <summary>The one-line synopsis of the Description field.</summary>
    public required string Summary { get; init; }

    /// <summary>The long description; paragraphs separated by blank lines.</summary>
    public required string LongDescription { get; init; }

    /// <summary>A DESTDIR-style tree: files already at their installed paths below it (e.g. usr/local/bin/...).</summary>
    public required string StagingRoot { get; init; }

    /// <summary>The prefix every staged file lives under (apart from /etc): /usr/local or /opt/&lt;name&gt;.</summary>
    public required InstallPrefix Prefix { get; init; }

    public required PackageSourceInfo Source { get; init; }

    /// <summary>The cache key of the component build that produced the staged tree.</summary>
    public required string CacheKey { get; init; }

    /// <summary>Seconds since 1970 of the source's commit: every timestamp in the package.</summary>
    public required long SourceDateEpoch { get; init; }

    public required CopyrightNotice Copyright { get; init; }

    public string Section { get; init; } = "misc";
    public string Priority { get; init; } = "optional";
    public string? Homepage { get; init; }

    /// <summary>Dependencies added to those dpkg-shlibdeps finds (e.g. a firmware package's consumers).</summary>
    public IReadOnlyList<string> ExtraDepends { get; init; } = [];

    /// <summary>Our other packages that ship the same paths (e.g. two QEMU builds sharing one prefix).</summary>
    public IReadOnlyList<string> Conflicts { get; init; } = [];
    public IReadOnlyList<string> Replaces { get; init; } = [];

    /// <summary>Strip ELF executables and shared libraries (off for a kernel image that must keep its symbols).</summary>
    public bool Strip { get; init; } = true;

    /// <summary>Lintian tags this package triggers on purpose, each with its reason, added to the prefix overrides.</summary>
    public IReadOnlyList<(string Tag, string Reason)> LintianOverrides { get; init; } = [];

    public string Version => $"{UpstreamVersion}-{BuildSuffix}";
}
