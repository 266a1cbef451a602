namespace SevStack.Host;

/// <summary>The fields of an os-release file (KEY=value lines, values optionally quoted).</summary>
public sealed record OsRelease(string Id, string VersionId, string PrettyName)
{
    public static OsRelease Parse(string text)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            var equals = line.IndexOf('=');
            if (line.StartsWith('#') || equals <= 0) continue;
            fields[line[..equals]] = line[(equals + 1)..].Trim('"', '\'');
        }
        var id = fields.GetValueOrDefault("ID", "linux");
        var version = fields.GetValueOrDefault("VERSION_ID", "");
        return new OsRelease(id, version, fields.GetValueOrDefault("PRETTY_NAME", $"{id} {version}".Trim()));
    }

    public bool IsOneOf(IEnumerable<SupportedDistribution> supported) =>
        supported.Any(s => s.Id == Id && s.VersionId == VersionId);
}
