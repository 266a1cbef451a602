using SevStack.Host;
using SevStack.Kata;

namespace SevStack.Docker;

/// <summary>
/// Whether a Docker honours the runtime entry ConfigureDocker would write. Docker before 23.0 accepts
/// <c>runtimeType</c> in daemon.json without complaint, lists the runtime in <c>docker info</c>, and then starts the
/// container with containerd-shim-runc-v2: a Kata 3.x entry there silently runs containers outside any VM.
/// </summary>
public static class DockerRuntimeSupport
{
    public static readonly Version FirstWithRuntimeType = new(23, 0);

    /// <summary>Why the runtime <paramref name="name"/> of <paramref name="generation"/> must not be registered with <paramref name="docker"/>, or null when it may.</summary>
    /// <param name="docker">The root's Docker; null when none was found (yet).</param>
    /// <param name="unknownIsRefusal">True once Docker should be there: a version that cannot be read is refused too.</param>
    public static string? Refusal(KataGeneration generation, string name, DockerVersion? docker, TargetRoot root, bool unknownIsRefusal)
    {
        if (generation != KataGeneration.V3)
            return null;
        if (docker is null)
            return unknownIsRefusal
                ? $"the Docker version in {root} is unknown (no docker-ce, docker.io or moby-engine in {DpkgStatusOf(root)}, and no dockerd there that says its version); " +
                  $"Kata 3.x's runtime {name} needs Docker {FirstWithRuntimeType.ToString(2)} or later, which is the only Docker that honours runtimeType, so nothing was registered"
                : null;
        if (docker.Version >= FirstWithRuntimeType)
            return null;
        return $"Docker {docker.Version} in {root} ({docker.Source}) ignores runtimeType in daemon.json and would run {name} containers under runc, outside any VM: " +
               $"install Docker {FirstWithRuntimeType.ToString(2)} or later there ({(docker.Package is { } installed ? $"purge {installed}, then run ConfigureDocker with --docker-package docker-ce" : "--docker-package docker-ce installs Docker's own")}), or use Kata 1.x (--kata-generation 1)";
    }

    /// <summary>Why a Kata 1.x runtime (an OCI runtime binary that dockerd runs by path) cannot be registered, or null.</summary>
    public static string? MissingRuntimeBinary(DockerRuntime runtime, TargetRoot root)
    {
        if (runtime.Generation != KataGeneration.V1 || runtime.Path is not { } path || File.Exists(root.Map(path)))
            return null;
        return $"{root.Map(path)} does not exist, so runtime {runtime.Name} would point at nothing: install the Kata 1.x runtime first " +
               "(BuildKata --kata-generation 1 and InstallHost install it under /opt/kata), then run ConfigureDocker again";
    }

    static string DpkgStatusOf(TargetRoot root) => root.Map(DockerVersion.DpkgStatus);
}
