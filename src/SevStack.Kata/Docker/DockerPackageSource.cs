namespace SevStack.Kata.Docker;

/// <summary>Where Docker comes from (<c>--docker-package</c>).</summary>
public enum DockerPackageSource
{
    /// <summary>docker-ce from Docker's apt repository, its key checked against the published fingerprint.</summary>
    DockerCe,
    /// <summary>The distribution's own docker.io package.</summary>
    DistroDockerIo,
}
