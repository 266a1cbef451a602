namespace SevStack.Packaging.Apt;

/// <summary>The gpg key that signs InRelease: a key id or fingerprint, and the GNUPGHOME holding its secret part (null: gpg's default).</summary>
public sealed record AptSigningKey(string KeyId, string? GnuPgHome = null);
