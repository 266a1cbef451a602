using SevStack.Engine.Parameters;

namespace SevStack.Build.Parameters;

/// <summary>The GnuPG key that signs artifacts/apt (--signing-key): a key id or fingerprint in hex, or the key's e-mail address; never something gpg would read as an option.</summary>
public sealed record SigningKeyId : ParameterText<SigningKeyId>, IParsable<SigningKeyId>
{
    SigningKeyId(string value) : base(value) { }

    public static SigningKeyId Parse(string s, IFormatProvider? provider) => new(ParsableText.Matching(s, @"^((0x)?[0-9A-Fa-f]{8,64}|<?[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+>?)$", "expects a key id or fingerprint (8 to 64 hex digits, 0x allowed) or the key's e-mail address, as gpg --list-secret-keys shows it"));
}
