namespace SevStack.Host;

/// <summary>What InstallHost installs and configures. Exactly one of <see cref="RepositoryFolder"/> and <see cref="DebsFolder"/>.</summary>
public sealed record InstallHostRequest
{
    /// <summary>Exact package names to install; apt resolves their dependencies.</summary>
    public required IReadOnlyList<string> PackageNames { get; init; }

    /// <summary>A flat apt repository (Packages beside the .deb files), e.g. artifacts/apt.</summary>
    public string? RepositoryFolder { get; init; }

    /// <summary>A folder of .deb files (--debs); a temporary flat repository is built from it.</summary>
    public string? DebsFolder { get; init; }

    /// <summary>A keyring path inside the root for signed-by; without it the local source is trusted=yes.</summary>
    public string? SignedBy { get; init; }

    public GrubDefaultMode GrubDefault { get; init; } = GrubDefaultMode.Always;

    public KvmAmdOptions KvmAmd { get; init; } = new();

    /// <summary>Parameters appended to GRUB_CMDLINE_LINUX_DEFAULT, e.g. "mem_encrypt=on kvm_amd.sev=1".</summary>
    public string? KernelCommandLine { get; init; }

    /// <summary>The kernel release to boot; by default the suffix of the linux-image-* package among <see cref="PackageNames"/>.</summary>
    public string? KernelRelease { get; init; }

    /// <summary>
    /// In a dry run whose PackageDebs only printed its commands, the packages it would have put in <see cref="RepositoryFolder"/>;
    /// used only while that folder holds no repository yet.
    /// </summary>
    public IReadOnlyList<RepositoryPackage>? PlannedPackages { get; init; }
}
