using System.Text.RegularExpressions;
using SevStack.Engine.Parameters;

namespace SevStack.Build.Parameters;

/// <summary>
/// A Docker runtime name (--runtime-name): a key of daemon.json's "runtimes", a dockerd --add-runtime argument of the
/// systemd drop-in and docker run's --runtime. Lower case (dockerd lower-cases --add-runtime names, so anything else would
/// differ between the two ways of registering it), no space, quote, '=' or newline that could add a flag or a unit line,
/// and not a name dockerd reserves for its own runc.
/// </summary>
public sealed partial record RuntimeName : IParsable<RuntimeName>
{
    static readonly string[] Reserved = ["runc", "default", "io.containerd.runc.v2", "io.containerd.runtime.v1.linux"];

    RuntimeName(string value) => Value = value;

    public string Value { get; }

    public static RuntimeName Parse(string s, IFormatProvider? provider)
    {
        ParsableText.Require(s, Pattern().IsMatch(s), "expects a runtime name of lower-case letters, digits, '.', '_' and '-' (at most 64, starting with a letter or digit), e.g. kata-sev");
        ParsableText.Require(s, !Reserved.Contains(s), $"expects a name of our own: {s} is reserved by dockerd");
        return new RuntimeName(s);
    }

    public static bool TryParse(string? s, IFormatProvider? provider, out RuntimeName result) =>
        ParsableText.TryParse(text => Parse(text, provider), s, out result!);

    public override string ToString() => Value;

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex Pattern();
}
