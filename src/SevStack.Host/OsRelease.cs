namespace SevStack.Host;

/// <summary>The fields of an os-release file (KEY=value lines, values optionally quoted).</summary>
public sealed record OsRelease(string Id, string VersionId, string PrettyName)
{
    /// <summary>VERSION_CODENAME, e.g. "bookworm" or "noble"; empty when the file has none.</summary>
    public string VersionCodename { get; init; } = "";

    /// <summary>ID_LIKE: the distributions this one derives from, e.g. ["debian"] for Ubuntu.</summary>
    public IReadOnlyList<string> IdLike { get; init; } = [];

    /// <summary>The os-release of a root (/etc/os-release, else /usr/lib/os-release).</summary>
    public static OsRelease Read(TargetRoot root)
    {
        var file = new[] { "/etc/os-release", "/usr/lib/os-release" }.Select(root.Map).FirstOrDefault(File.Exists)
            ?? throw new SevStack.Toolkit.BuildException($"{root} has no /etc/os-release, so its distribution is unknown; pass the right --sysroot (a Debian or Ubuntu root filesystem)");
        return Parse(File.ReadAllText(file));
    }

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
        return new OsRelease(id, version, fields.GetValueOrDefault("PRETTY_NAME", $"{id} {version}".Trim()))
        {
            VersionCodename = fields.GetValueOrDefault("VERSION_CODENAME", ""),
            IdLike = fields.GetValueOrDefault("ID_LIKE", "").Split(' ', StringSplitOptions.RemoveEmptyEntries),
        };
    }
}
