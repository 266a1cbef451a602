namespace SevStack.Docker;

/// <summary>Where Docker comes from when the root has none (<c>--docker-package</c>).</summary>
public enum DockerPackageSource
{
    /// <summary>docker-ce from Docker's apt repository, its key checked against the published fingerprint.</summary>
    DockerCe,
    /// <summary>The distribution's own docker.io package.</summary>
    DockerIo,
    /// <summary>Install nothing: use the Docker already there, and refuse when there is none.</summary>
    None,
}
