using SevStack.Engine.Parameters;
using SevStack.Host.Apt;

namespace SevStack.Build.Parameters;

/// <summary>An OpenPGP key fingerprint (--kata-apt-key-fingerprint): 40 or 64 hex digits, spaces allowed, as gpg --show-keys prints it; its text keeps the spaces (the repository normalizes it).</summary>
public sealed record KeyFingerprint : ParameterText<KeyFingerprint>, IParsable<KeyFingerprint>
{
    KeyFingerprint(string text) : base(text) { }

    public static KeyFingerprint Parse(string s, IFormatProvider? provider) => new(ParsableText.Require(s, GpgKeyFingerprint.IsWellFormed(s), "expects the hex digits of an OpenPGP key fingerprint (40, or 64 for a v5 or v6 key; spaces allowed), as gpg --show-keys prints it"));
}
