using SevStack.Host;

namespace SevStack.Docker;

/// <summary>The Docker a root already has: the package that ships dockerd, or a dockerd that no package owns.</summary>
public sealed record InstalledDocker(string What)
{
    /// <summary>Where docker-ce (/usr/bin) and Debian's docker.io (/usr/sbin) put the daemon.</summary>
    public static readonly IReadOnlyList<string> DaemonPaths = ["/usr/bin/dockerd", "/usr/sbin/dockerd"];
    static readonly string[] Packages = ["docker-ce", "docker.io", "moby-engine"];

    /// <summary>Null when the root has neither a Docker package nor /usr/bin/dockerd.</summary>
    public static InstalledDocker? Find(TargetRoot root, IReadOnlyDictionary<string, PackageStatus> present)
    {
        foreach (var name in Packages)
            if (present.TryGetValue(name, out var status) && status.IsFullyInstalled)
                return new InstalledDocker($"{name} {status.Version}");
        return DaemonPaths.Select(root.Map).FirstOrDefault(File.Exists) is { } daemon ? new InstalledDocker(daemon) : null;
    }
}
