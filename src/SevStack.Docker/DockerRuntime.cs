using System.Text.Json.Nodes;
using SevStack.Kata;

namespace SevStack.Docker;

/// <summary>
/// A Kata runtime as Docker registers it: 1.x is an OCI CLI (<c>path</c>, its configuration file given by
/// <c>runtimeArgs</c> <c>--kata-config</c>), 3.x a containerd shim v2 (<c>runtimeType</c>, its configuration file in
/// <c>options.ConfigPath</c>, which Docker 23+ hands to the shim as containerd's runtimeoptions).
/// </summary>
public sealed record DockerRuntime
{
    public const string ShimV2Type = "io.containerd.kata.v2";

    public required string Name { get; init; }
    public required KataGeneration Generation { get; init; }

    /// <summary>1.x: the kata-runtime binary.</summary>
    public string? Path { get; init; }

    /// <summary>3.x: a shim name such as io.containerd.kata.v2, or an absolute shim path.</summary>
    public string RuntimeType { get; init; } = ShimV2Type;

    /// <summary>The Kata configuration file the runtime reads (e.g. /etc/kata-containers/configuration-sevstack.toml); null: Kata's own lookup.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>The seed's 1.x SEV runtime: AMD's fork installed by <c>make install</c>.</summary>
    public static DockerRuntime SeedV1(string name = "sev-runtime", string path = "/usr/local/bin/kata-runtime", string? configPath = null) =>
        new() { Name = name, Generation = KataGeneration.V1, Path = path, ConfigPath = configPath };

    /// <summary>1.x: the arguments dockerd passes before each runtime command (a wrapper script it writes).</summary>
    public IReadOnlyList<string> RuntimeArgs => Generation == KataGeneration.V1 && ConfigPath is not null ? ["--kata-config", ConfigPath] : [];

    public static DockerRuntime ShimV2(string name = "kata", string? configPath = null, string runtimeType = ShimV2Type) =>
        new() { Name = name, Generation = KataGeneration.V3, RuntimeType = runtimeType, ConfigPath = configPath };

    /// <summary>The <c>runtimes.&lt;name&gt;</c> object of daemon.json.</summary>
    public JsonObject ToDaemonJson()
    {
        if (Generation == KataGeneration.V1)
        {
            var oci = new JsonObject { ["path"] = Path ?? throw new InvalidOperationException($"runtime {Name}: a 1.x runtime needs a path") };
            if (RuntimeArgs.Count > 0)
                oci["runtimeArgs"] = new JsonArray([.. RuntimeArgs.Select(a => (JsonNode)JsonValue.Create(a))]);
            return oci;
        }
        var entry = new JsonObject { ["runtimeType"] = RuntimeType };
        if (ConfigPath is not null)
            entry["options"] = new JsonObject { ["ConfigPath"] = ConfigPath };
        return entry;
    }
}
