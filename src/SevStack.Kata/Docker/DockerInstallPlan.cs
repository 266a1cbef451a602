using SevStack.Engine.Processes;

namespace SevStack.Kata.Docker;

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
    public static IReadOnlyList<DockerInstallStep> For(DockerPackageSource source, string distribution, string codename,
        DockerRepository? repository = null, bool intoSysroot = false, string architecture = "amd64")
    {
        if (source == DockerPackageSource.None)
            return [];
        if (source == DockerPackageSource.DockerIo)
            return [AptGet("update"), AptGet("install", "-y", "docker.io")];

        if (repository is null && distribution is not ("ubuntu" or "debian"))
            throw new Engine.BuildException($"Docker's apt repository has no '{distribution}' distribution (ubuntu and debian only); use --docker-package docker.io");
        if (codename.Length == 0)
            throw new Engine.BuildException($"the os-release of the root names no VERSION_CODENAME, so the suite of Docker's repository is unknown; use --docker-package docker.io");
        repository ??= DockerRepository.Official(distribution);
        // apt needs CA certificates for an https repository; curl fetches the key and gpg checks it where the build runs.
        string[] prerequisites =
        [
            .. repository.Url.StartsWith("https:", StringComparison.Ordinal) ? ["ca-certificates"] : Array.Empty<string>(),
            .. intoSysroot ? Array.Empty<string>() : ["curl", "gnupg"],
        ];
        IReadOnlyList<DockerInstallStep> installPrerequisites = prerequisites.Length > 0
            ? [AptGet("update"), AptGet(["install", "-y", .. prerequisites])]
            : [];
        return
        [
            .. installPrerequisites,
            Root("curl", "-fsSL", $"{repository.Url}/gpg", "-o", KeyPath),
            new VerifyKeyStep(KeyPath, repository.KeyFingerprint),
            Root("chmod", "a+r", KeyPath),
            new WriteFileStep(SourcesPath, Deb822Source(repository.Url, codename, architecture)),
            AptGet("update"),
            AptGet(["install", "-y", .. DockerCePackages]),
        ];
    }

    public static string Deb822Source(string repository, string codename, string architecture) =>
        $"Types: deb\nURIs: {repository}\nSuites: {codename}\nComponents: stable\nArchitectures: {architecture}\nSigned-By: {KeyPath}\n";

    static RunCommandStep AptGet(params string[] arguments) => new(new CommandSpec("apt-get", arguments)
    {
        NeedsRoot = true,
        Environment = new Dictionary<string, string?> { ["DEBIAN_FRONTEND"] = "noninteractive" },
    });

    static RunCommandStep Root(string program, params string[] arguments) => new(new CommandSpec(program, arguments) { NeedsRoot = true });
}
