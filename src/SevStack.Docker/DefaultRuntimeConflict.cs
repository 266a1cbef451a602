using System.Text.Json.Nodes;
using SevStack.Host;

namespace SevStack.Docker;

/// <summary>
/// dockerd refuses to start when an option is given both as a flag and in daemon.json; the default runtime set by a
/// docker.service drop-in and by daemon.json at once is the case Kata set-ups run into.
/// </summary>
public static class DefaultRuntimeConflict
{
    public const string DropInFolder = "/etc/systemd/system/docker.service.d";

    /// <summary>The explanation, or null when at most one place sets the default runtime.</summary>
    /// <param name="dropIns">Drop-in files (path as on the configured system, text) of docker.service.</param>
    public static string? Explain(JsonObject daemon, IEnumerable<(string Path, string Text)> dropIns)
    {
        if (DaemonJson.DefaultRuntime(daemon) is not { } fromJson)
            return null;
        foreach (var (path, text) in dropIns)
            if (DockerdDropIn.DefaultRuntime(text) is { } fromFlag)
                return $"the Docker default runtime is set twice, by --default-runtime {fromFlag} in {path} and by \"default-runtime\": \"{fromJson}\" in {DaemonJson.Path}; dockerd refuses to start with an option given both as a flag and in daemon.json, so remove it from one of them (or choose that one with --docker-config)";
        return null;
    }

    /// <summary>The *.conf drop-ins of docker.service inside <paramref name="root"/>, optionally with one replaced by planned text.</summary>
    public static IEnumerable<(string Path, string Text)> ReadDropIns(TargetRoot root, string? plannedPath = null, string? plannedText = null)
    {
        var folder = root.Map(DropInFolder);
        var found = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.conf").Order(StringComparer.Ordinal).ToList()
            : [];
        foreach (var file in found)
        {
            var systemPath = $"{DropInFolder}/{System.IO.Path.GetFileName(file)}";
            if (systemPath != plannedPath)
                yield return (systemPath, File.ReadAllText(file));
        }
        if (plannedPath is not null && plannedText is not null)
            yield return (plannedPath, plannedText);
    }
}
