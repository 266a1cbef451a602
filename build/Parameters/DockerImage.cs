using SevStack.Engine.Parameters;
using SevStack.Docker.Smoke;

namespace SevStack.Build.Parameters;

/// <summary>A Docker image reference (--smoke-image), an argument of docker run: checked so it can never be read as a flag or hold a space.</summary>
public sealed record DockerImage : IParsable<DockerImage>
{
    DockerImage(string value) => Value = value;

    public string Value { get; }

    public static DockerImage Parse(string s, IFormatProvider? provider)
    {
        ParsableText.Require(s, SmokeTestSettings.IsImageReference(s), "expects a Docker image reference such as busybox, busybox:1.36 or registry.example.org:5000/team/busybox@sha256:<64 hex digits>");
        return new DockerImage(s);
    }

    public static bool TryParse(string? s, IFormatProvider? provider, out DockerImage result) =>
        ParsableText.TryParse(text => Parse(text, provider), s, out result!);

    public override string ToString() => Value;
}
