using SevStack.Engine.Parameters;

namespace SevStack.Build.Parameters;

/// <summary>
/// A path written into a configuration read from anywhere (Kata's hypervisor, kernel, image, initrd, firmware): absolute,
/// with no '.' or '..' component and no quote or backslash that the TOML string would have to escape.
/// </summary>
public sealed record AbsolutePath : ParameterText<AbsolutePath>, IParsable<AbsolutePath>
{
    AbsolutePath(string value) : base(value) { }

    public static AbsolutePath Parse(string s, IFormatProvider? provider) =>
        new(ParsableText.Require(s, s.StartsWith('/') && s.Split('/').All(part => part is not ("." or "..")) && s.IndexOfAny(['"', '\'', '\\']) < 0,
            "expects an absolute path (starting with /, no . or .. component, no quotes or backslashes)"));
}
