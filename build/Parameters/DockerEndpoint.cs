using SevStack.Docker.Smoke;
using SevStack.Engine.Parameters;

namespace SevStack.Build.Parameters;

/// <summary>A Docker endpoint (--docker-host), passed to the docker CLI as -H.</summary>
public sealed record DockerEndpoint : ParameterText<DockerEndpoint>, IParsable<DockerEndpoint>
{
    DockerEndpoint(string value) : base(value) { }

    public static DockerEndpoint Parse(string s, IFormatProvider? provider) => new(ParsableText.Require(s, SmokeTestSettings.IsDockerEndpoint(s), "expects a Docker endpoint: unix:///absolute/path/docker.sock, tcp://host:port or ssh://[user@]host[:port]"));
}
