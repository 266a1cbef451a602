using System.Text.RegularExpressions;
using SevStack.Toolkit.Processes;

namespace SevStack.Docker.Smoke;

/// <summary>
/// What SmokeTest runs: the runtime, the image (a local one serves hosts without registry access) and the Docker endpoint
/// (given to the CLI as <c>-H</c>, so it survives sudo, which drops DOCKER_HOST).
/// </summary>
public sealed partial record SmokeTestSettings(string RuntimeName, string Image = SmokeTestSettings.DefaultImage, string? DockerHost = null)
{
    public const string DefaultImage = "busybox";

    /// <summary>One line naming the bad value and what it must look like, or null; checked before anything runs.</summary>
    public string? Refusal() =>
        !ImageReference().IsMatch(Image)
            ? $"--smoke-image '{Image}' is not a Docker image reference: use a name such as busybox, busybox:1.36 or registry.example.org:5000/team/busybox@sha256:<64 hex digits>"
        : DockerHost is not null && !DockerEndpoint().IsMatch(DockerHost)
            ? $"--docker-host '{DockerHost}' is not a Docker endpoint: use unix:///absolute/path/docker.sock, tcp://host:port or ssh://[user@]host[:port]"
        : null;

    /// <summary>True for a reference Docker accepts: [domain[:port]/]path[:tag][@sha256:hex].</summary>
    public static bool IsImageReference(string text) => ImageReference().IsMatch(text);

    /// <summary>True for unix:///absolute/path, tcp://host:port or ssh://[user@]host[:port].</summary>
    public static bool IsDockerEndpoint(string text) => DockerEndpoint().IsMatch(text);

    /// <summary>docker [-H endpoint] run --rm --runtime &lt;name&gt; &lt;image&gt; dmesg.</summary>
    public CommandSpec Command()
    {
        var run = SmokeTestCommand.GuestKernelLog(RuntimeName, Image);
        return DockerHost is null ? run : run with { Arguments = ["-H", DockerHost, .. run.Arguments] };
    }

    /// <summary>distribution/reference's grammar: [domain[:port]/]path-component(/path-component)*[:tag][@algorithm:hex].</summary>
    [GeneratedRegex(@"^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?/)?"
        + @"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[0-9a-f]{64})?$")]
    private static partial Regex ImageReference();

    [GeneratedRegex(@"^(?:unix:///[^\s\0]*[^\s\0/]|tcp://[A-Za-z0-9.\-\[\]:]+:[0-9]{1,5}|ssh://(?:[A-Za-z0-9._-]+@)?[A-Za-z0-9.\-]+(?::[0-9]{1,5})?)$")]
    private static partial Regex DockerEndpoint();
}
