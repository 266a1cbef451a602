using SevStack.Host.Apt;

namespace SevStack.Docker;

/// <summary>
/// The steps that install Docker: Docker's apt repository with its key in /etc/apt/keyrings (checked against the
/// expected fingerprint before anything is installed, referenced by <c>Signed-By</c>, never apt-key), or the distribution's docker.io.
/// </summary>
public static class DockerInstallPlan
{
    public const string KeyPath = "/etc/apt/keyrings/docker.asc";
    public const string SourcesPath = "/etc/apt/sources.list.d/docker.sources";
    public static readonly IReadOnlyList<string> DockerCePackages = ["docker-ce", "docker-ce-cli", "containerd.io"];

    /// <param name="distribution">"ubuntu" or "debian" (ID of /etc/os-release).</param>
    /// <param name="codename">VERSION_CODENAME of /etc/os-release, e.g. "noble" or "bookworm".</param>
    /// <param name="repository">Docker's repository or a mirror; default download.docker.com with Docker's published key.</param>
    /// <param name="intoSysroot">The root is a --sysroot: curl and gpg run on this machine, so the root needs neither.</param>
    public static IReadOnlyList<AptInstallStep> For(DockerPackageSource source, string distribution, string codename,
        DockerRepository? repository = null, bool intoSysroot = false, string architecture = "amd64")
    {
        if (source == DockerPackageSource.None)
            return [];
        if (source == DockerPackageSource.DockerIo)
            return AptInstallPlan.FromConfiguredArchives("docker.io");

        if (repository is null && distribution is not ("ubuntu" or "debian"))
            throw new Toolkit.BuildException($"Docker's apt repository has no '{distribution}' distribution (ubuntu and debian only); use --docker-package docker.io");
        if (codename.Length == 0)
            throw new Toolkit.BuildException($"the os-release of the root names no VERSION_CODENAME, so the suite of Docker's repository is unknown; use --docker-package docker.io");
        repository ??= DockerRepository.Official(distribution);
        return AptInstallPlan.FromSignedSource(Source(repository, codename, architecture), DockerCePackages, intoSysroot);
    }

    /// <summary>Docker's repository as apt sees it: suite <paramref name="codename"/>, component stable, key at &lt;url&gt;/gpg.</summary>
    public static SignedAptSource Source(DockerRepository repository, string codename, string architecture = "amd64") =>
        SignedAptSource.WithSuite("docker", repository.Url, $"{repository.Url}/gpg", repository.KeyFingerprint, codename, "stable") with { Architecture = architecture };
}
