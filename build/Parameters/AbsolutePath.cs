using SevStack.Engine.Parameters;

namespace SevStack.Build.Parameters;

/// <summary>
/// A path written into a configuration read from anywhere (Kata's hypervisor, kernel, image, initrd, firmware): absolute,
/// with no '.' or '..' component and no quote or backslash that the TOML string would have to escape.
/// </summary>
public sealed record AbsolutePath : IParsable<AbsolutePath>
{
    AbsolutePath(string value) => Value = value;

    public string Value { get; }

    public static AbsolutePath Parse(string s, IFormatProvider? provider) =>
        s.StartsWith('/') && s.Split('/').All(part => part is not ("." or "..")) && s.IndexOfAny(['"', '\'', '\\']) < 0
            ? new AbsolutePath(s)
            : throw new FormatException("expects an absolute path (starting with /, no . or .. component, no quotes or backslashes)");

    public static bool TryParse(string? s, IFormatProvider? provider, out AbsolutePath result) =>
        ParsableText.TryParse(text => Parse(text, provider), s, out result!);

    public override string ToString() => Value;
}
