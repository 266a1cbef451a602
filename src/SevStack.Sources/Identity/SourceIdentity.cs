using System.Text;
using System.Text.Json;
using SevStack.Engine.Caching;

namespace SevStack.Sources.Identity;

/// <summary>A patch applied on top of a source, by file name and the sha256 of its content (line endings normalised).</summary>
public sealed record PatchIdentity(string Name, string Sha256);

/// <summary>
/// Exactly which source tree a build used. <see cref="Canonical"/> is deterministic (fixed field order, no timestamps)
/// and feeds the cache key; <see cref="SourceDate"/> is for SOURCE_DATE_EPOCH and not part of the key.
/// </summary>
/// <param name="Kind">git, tarball, apt, apt-kernel or dir.</param>
/// <param name="Url">Repository URL, tarball URL, package name or folder.</param>
/// <param name="Resolved">Commit SHA (git, dir) or sha256 of the tarball / .dsc.</param>
/// <param name="Version">Package version (apt), a hash of uncommitted changes (dir), or null (git and tarball: the commit or hash says it all).</param>
public sealed record SourceIdentity(string Kind, string Url, string Resolved, string? Version, IReadOnlyList<PatchIdentity> Patches, DateTimeOffset? SourceDate)
{
    public SourceIdentity WithPatches(IReadOnlyList<PatchIdentity> patches) => this with { Patches = patches };

    /// <summary>Seconds since the epoch of <see cref="SourceDate"/>, for SOURCE_DATE_EPOCH.</summary>
    public long? SourceDateEpoch => SourceDate?.ToUnixTimeSeconds();

    /// <summary>Compact JSON with a fixed field order; equal identities give byte-equal strings.</summary>
    public string Canonical()
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("kind", Kind);
            json.WriteString("url", Url);
            json.WriteString("resolved", Resolved);
            if (Version is null) json.WriteNull("version"); else json.WriteString("version", Version);
            json.WriteStartArray("patches");
            foreach (var patch in Patches)
            {
                json.WriteStartObject();
                json.WriteString("name", patch.Name);
                json.WriteString("sha256", patch.Sha256);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The upstream part of a Debian version (no epoch, no revision), or a dated snapshot version for git and tarball sources.</summary>
    public string UpstreamVersion()
    {
        if (Version is { } version)
        {
            var withoutEpoch = version.Contains(':') ? version[(version.IndexOf(':') + 1)..] : version;
            return withoutEpoch.Contains('-') ? withoutEpoch[..withoutEpoch.LastIndexOf('-')] : withoutEpoch;
        }
        var date = SourceDate ?? DateTimeOffset.UnixEpoch;
        return $"0~{date:yyyyMMdd}.{Resolved[..Math.Min(8, Resolved.Length)]}";
    }

    /// <summary>sha256 of <see cref="Canonical"/>: a short stable name for this exact source.</summary>
    public string Key() => FileHashes.Sha256Text(Canonical());

    public override string ToString() => Canonical();

    // Records compare lists by reference; identities must compare by content.
    public bool Equals(SourceIdentity? other) => other is not null && Canonical() == other.Canonical() && SourceDate == other.SourceDate;

    public override int GetHashCode() => Canonical().GetHashCode(StringComparison.Ordinal);
}
