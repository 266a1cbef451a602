using SevStack.Engine.Parameters;
using SevStack.Docker.Smoke;

namespace SevStack.Build.Parameters;

/// <summary>A Docker endpoint (--docker-host), passed to the docker CLI as -H.</summary>
public sealed record DockerEndpoint : IParsable<DockerEndpoint>
{
    DockerEndpoint(string value) => Value = value;

    public string Value { get; }

    public static DockerEndpoint Parse(string s, IFormatProvider? provider)
    {
        ParsableText.Require(s, SmokeTestSettings.IsDockerEndpoint(s), "expects a Docker endpoint: unix:///absolute/path/docker.sock, tcp://host:port or ssh://[user@]host[:port]");
        return new DockerEndpoint(s);
    }

    public static bool TryParse(string? s, IFormatProvider? provider, out DockerEndpoint result) =>
        ParsableText.TryParse(text => Parse(text, provider), s, out result!);

    public override string ToString() => Value;
}
