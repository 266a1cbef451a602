namespace SevStack.Sources.Apt;

/// <summary>
/// Which apt configuration commands use: the machine's (<see cref="System"/>, changes need root) or a fully isolated
/// state under one folder (<see cref="Isolated"/>: own sources, lists and cache; nothing in /etc or /var is touched).
/// </summary>
public sealed record AptEnvironment(IReadOnlyList<string> Options, string SourceList, string SourceParts, bool NeedsRoot)
{
    public static AptEnvironment System { get; } = new([], "/etc/apt/sources.list", "/etc/apt/sources.list.d", NeedsRoot: true);

    /// <summary>An apt state below <paramref name="root"/>, with <paramref name="sourcesFiles"/> copied into its sources.list.d.</summary>
    public static AptEnvironment Isolated(string root, params string[] sourcesFiles)
    {
        root = Path.GetFullPath(root);
        var sourceList = Path.Combine(root, "etc", "sources.list");
        var parts = Path.Combine(root, "etc", "sources.list.d");
        var lists = Path.Combine(root, "state", "lists");
        var cache = Path.Combine(root, "cache");
        foreach (var folder in new[] { parts, Path.Combine(lists, "partial"), Path.Combine(cache, "archives", "partial") })
            Directory.CreateDirectory(folder);
        if (!File.Exists(sourceList))
            File.WriteAllText(sourceList, "");
        foreach (var file in sourcesFiles)
            File.Copy(file, Path.Combine(parts, Path.GetFileName(file)), overwrite: true);
        string[] options =
        [
            "-o", $"Dir::Etc::SourceList={sourceList}",
            "-o", $"Dir::Etc::SourceParts={parts}",
            "-o", $"Dir::State={Path.Combine(root, "state")}",
            "-o", $"Dir::State::Lists={lists}",
            "-o", "Dir::State::status=/var/lib/dpkg/status",
            "-o", $"Dir::Cache={cache}",
            "-o", "Debug::NoLocking=1",
            "-o", "APT::Sandbox::User=root",
            "-o", "Acquire::Languages=none",
        ];
        return new AptEnvironment(options, sourceList, parts, NeedsRoot: false);
    }
}
