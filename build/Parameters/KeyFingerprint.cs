using SevStack.Engine.Parameters;
using SevStack.Host.Apt;

namespace SevStack.Build.Parameters;

/// <summary>An OpenPGP key fingerprint (--kata-apt-key-fingerprint): 40 or 64 hex digits, spaces allowed, as gpg --show-keys prints it.</summary>
public sealed record KeyFingerprint : IParsable<KeyFingerprint>
{
    KeyFingerprint(string text) => Text = text;

    /// <summary>As given (spaces kept); the repository normalizes it.</summary>
    public string Text { get; }

    public static KeyFingerprint Parse(string s, IFormatProvider? provider) =>
        new(ParsableText.Require(s, GpgKeyFingerprint.IsWellFormed(s), "expects the hex digits of an OpenPGP key fingerprint (40, or 64 for a v5 or v6 key; spaces allowed), as gpg --show-keys prints it"));

    public static bool TryParse(string? s, IFormatProvider? provider, out KeyFingerprint result) =>
        ParsableText.TryParse(text => Parse(text, provider), s, out result!);

    public override string ToString() => Text;
}
