using SevStack.Toolkit.Processes;

namespace SevStack.Components.BuildRoots;

/// <summary>apt commands run inside a build root (through <see cref="BuildRootRunner"/>): the root's own apt and dpkg state.</summary>
public static class AptInRoot
{
    static readonly IReadOnlyDictionary<string, string?> Environment = new Dictionary<string, string?>
    {
        ["DEBIAN_FRONTEND"] = "noninteractive",
        ["LC_ALL"] = "C",
    };

    public static CommandSpec Update { get; } = new("apt-get", "update", "-q") { Environment = Environment };
}
