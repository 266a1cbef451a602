using SevStack.Engine.Parameters;

namespace SevStack.Build.Parameters;

/// <summary>
/// A Docker runtime name (--runtime-name): a key of daemon.json's "runtimes", a dockerd --add-runtime argument of the
/// systemd drop-in and docker run's --runtime. Lower case (dockerd lower-cases --add-runtime names, so anything else would
/// differ between the two ways of registering it), no space, quote, '=' or newline that could add a flag or a unit line,
/// and not a name dockerd reserves for its own runc.
/// </summary>
public sealed record RuntimeName : ParameterText<RuntimeName>, IParsable<RuntimeName>
{
    static readonly string[] Reserved = ["runc", "default", "io.containerd.runc.v2", "io.containerd.runtime.v1.linux"];

    RuntimeName(string value) : base(value) { }

    public static RuntimeName Parse(string s, IFormatProvider? provider) =>
        new(ParsableText.Require(ParsableText.Matching(s, "^[a-z0-9][a-z0-9._-]{0,63}$", "expects a runtime name of lower-case letters, digits, '.', '_' and '-' (at most 64, starting with a letter or digit), e.g. kata-sev"),
            !Reserved.Contains(s), $"expects a name of our own: {s} is reserved by dockerd"));
}
