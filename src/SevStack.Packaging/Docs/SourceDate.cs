using System.Globalization;

namespace SevStack.Packaging.Docs;

/// <summary>SOURCE_DATE_EPOCH and the date formats packaging writes it in.</summary>
public readonly record struct SourceDate(long Epoch)
{
    public DateTimeOffset Value => DateTimeOffset.FromUnixTimeSeconds(Epoch);

    /// <summary>RFC 2822 as in debian/changelog: "Thu, 01 Jan 2026 00:00:00 +0000".</summary>
    public string Rfc2822 => Value.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    /// <summary>As in an apt Release file: "Thu, 01 Jan 2026 00:00:00 UTC".</summary>
    public string ReleaseDate => Value.ToString("ddd, dd MMM yyyy HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public string Invariant => Epoch.ToString(CultureInfo.InvariantCulture);
}
