using System.Text.RegularExpressions;

namespace SevStack.Sources.Floors;

/// <summary>
/// Judges an edk2 release by its version where no history is at hand (apt packages, tarballs): stable tags are
/// <c>edk2-stableYYYYMM</c> (Debian and Ubuntu version them <c>YYYY.MM-…</c>), older Debian snapshots
/// <c>0~YYYYMMDD.&lt;hash&gt;-…</c>, cut from master on that day.
/// </summary>
/// <param name="Name">The first stable tag with the floor commit.</param>
/// <param name="StableYearMonth">That tag's YYYYMM.</param>
/// <param name="SnapshotDayAfter">YYYYMMDD of the floor commit: a snapshot cut on a later day contains it.</param>
public sealed partial record ReleaseFloor(string Name, int StableYearMonth, int SnapshotDayAfter)
{
    /// <summary>True or false when <paramref name="version"/> reads as a stable tag or a dated snapshot; null when it reads as neither.</summary>
    public bool? Contains(string version)
    {
        if (StableTag().Match(version) is { Success: true } tag)
            return int.Parse(tag.Groups["ym"].Value, System.Globalization.CultureInfo.InvariantCulture) >= StableYearMonth;
        var upstream = version[(version.IndexOf(':') + 1)..];
        if (DebianStable().Match(upstream) is { Success: true } stable)
            return int.Parse(stable.Groups["y"].Value, System.Globalization.CultureInfo.InvariantCulture) * 100
                + int.Parse(stable.Groups["m"].Value, System.Globalization.CultureInfo.InvariantCulture) >= StableYearMonth;
        if (DebianSnapshot().Match(upstream) is { Success: true } snapshot)
            return int.Parse(snapshot.Groups["day"].Value, System.Globalization.CultureInfo.InvariantCulture) > SnapshotDayAfter;
        return null;
    }

    [GeneratedRegex(@"edk2-stable(?<ym>\d{6})(?!\d)")]
    private static partial Regex StableTag();

    [GeneratedRegex(@"^(?<y>20\d\d)\.(?<m>0[1-9]|1[0-2])(?![0-9])")]
    private static partial Regex DebianStable();

    [GeneratedRegex(@"^0~(?<day>20\d{6})(?!\d)")]
    private static partial Regex DebianSnapshot();
}
