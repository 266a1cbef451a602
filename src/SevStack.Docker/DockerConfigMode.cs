namespace SevStack.Docker;

/// <summary>Where the Kata runtime is registered with Docker (<c>--docker-config</c>).</summary>
public enum DockerConfigMode
{
    /// <summary>Merged into /etc/docker/daemon.json (works for 1.x and 3.x).</summary>
    DaemonJson,
    /// <summary>The seed's dockerd flags in a docker.service drop-in (1.x OCI runtimes only).</summary>
    DropIn,
}
