using System.Text.Json;
using SevStack.Engine.Parameters;

namespace SevStack.Engine.Hosting;

internal static class ParameterFiles
{
    /// <summary>Profiles (the last named first, as it wins), then parameters.json.</summary>
    public static IReadOnlyList<ParameterFile> Load(string root, IReadOnlyList<string> profiles)
    {
        var folder = Path.Combine(root, ".nuke");
        var files = new List<ParameterFile>();
        foreach (var profile in profiles.Reverse())
        {
            if (profile.Contains('/') || profile.Any(char.IsControl))
                throw new UsageException($"--profile {profile}: a profile is a name (.nuke/parameters.<name>.json), not a path; choose one of {string.Join(", ", Available(folder))}");
            var path = Path.Combine(folder, $"parameters.{profile}.json");
            if (!File.Exists(path))
            {
                var available = Available(folder);
                throw new UsageException($"Unknown profile '{profile}': {path} does not exist. Profiles: {(available.Count == 0 ? "(none)" : string.Join(", ", available))}");
            }
            files.Add(ParameterFile.Load(path, $"profile {profile}"));
        }
        var defaults = Path.Combine(folder, "parameters.json");
        if (File.Exists(defaults))
            files.Add(ParameterFile.Load(defaults, "parameters.json"));
        return files;
    }

    /// <summary>
    /// The <c>Skip</c> of the first file that has one, as <c>--skip</c> would give it: null for none (false, or an empty
    /// list), no names for all but the invoked targets (true), else the targets' names.
    /// </summary>
    public static IReadOnlyList<string>? Skip(IReadOnlyList<ParameterFile> files)
    {
        foreach (var file in files)
        {
            switch (file.Skip)
            {
                case null:
                    continue;
                case { ValueKind: JsonValueKind.True }:
                    return [];
                case { ValueKind: JsonValueKind.False }:
                    return null;
                case { ValueKind: JsonValueKind.Array } list when list.EnumerateArray().All(t => t.ValueKind == JsonValueKind.String):
                    var names = list.EnumerateArray().Select(t => t.GetString()!).ToList();
                    return names.Count == 0 ? null : names;
                default:
                    throw new UsageException($"\"Skip\" in {file.DisplayName}: expects true (skip every target that was not named), false, or a list of target names");
            }
        }
        return null;
    }

    public static IReadOnlyList<string> Available(string nukeFolder) =>
        Directory.Exists(nukeFolder)
            ? Directory.GetFiles(nukeFolder, "parameters.*.json").Select(f => Path.GetFileName(f)["parameters.".Length..^".json".Length]).Order().ToList()
            : [];
}
