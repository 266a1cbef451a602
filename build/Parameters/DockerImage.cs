using SevStack.Docker.Smoke;
using SevStack.Engine.Parameters;

namespace SevStack.Build.Parameters;

/// <summary>A Docker image reference (--smoke-image), an argument of docker run: checked so it can never be read as a flag or hold a space.</summary>
public sealed record DockerImage : ParameterText<DockerImage>, IParsable<DockerImage>
{
    DockerImage(string value) : base(value) { }

    public static DockerImage Parse(string s, IFormatProvider? provider) => new(ParsableText.Require(s, SmokeTestSettings.IsImageReference(s), "expects a Docker image reference such as busybox, busybox:1.36 or registry.example.org:5000/team/busybox@sha256:<64 hex digits>"));
}
