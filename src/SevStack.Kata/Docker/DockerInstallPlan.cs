using SevStack.Engine.Processes;

namespace SevStack.Kata.Docker;

/// <summary>
/// The steps that install Docker: Docker's apt repository with its key in /etc/apt/keyrings (checked against the
/// published fingerprint, referenced by <c>Signed-By</c>, never apt-key), or the distribution's docker.io.
/// </summary>
public static class DockerInstallPlan
{
    /// <summary>Docker's release signing key as published in its install documentation.</summary>
    public const string DockerKeyFingerprint = "9DC8 5822 9FC7 DD38 854A  E2D8 8D81 803C 0EBF CD88";
    public const string KeyPath = "/etc/apt/keyrings/docker.asc";
    public const string SourcesPath = "/etc/apt/sources.list.d/docker.sources";
    public static readonly IReadOnlyList<string> DockerCePackages = ["docker-ce", "docker-ce-cli", "containerd.io"];

    /// <param name="distribution">"ubuntu" or "debian" (ID of /etc/os-release).</param>
    /// <param name="codename">VERSION_CODENAME of /etc/os-release, e.g. "noble" or "bookworm".</param>
    public static IReadOnlyList<DockerInstallStep> For(DockerPackageSource source, string distribution, string codename, string architecture = "amd64")
    {
        if (source == DockerPackageSource.DistroDockerIo)
            return [AptGet("update"), AptGet("install", "-y", "docker.io")];

        if (distribution is not ("ubuntu" or "debian"))
            throw new Engine.BuildException($"Docker's apt repository has no '{distribution}' distribution (ubuntu and debian only); use --docker-package docker.io");
        var repository = $"https://download.docker.com/linux/{distribution}";
        return
        [
            AptGet("update"),
            AptGet("install", "-y", "ca-certificates", "curl", "gnupg"),
            Root("install", "-m", "0755", "-d", "/etc/apt/keyrings"),
            Root("curl", "-fsSL", $"{repository}/gpg", "-o", KeyPath),
            new VerifyKeyStep(KeyPath, DockerKeyFingerprint),
            Root("chmod", "a+r", KeyPath),
            new WriteFileStep(SourcesPath, Deb822Source(repository, codename, architecture)),
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
