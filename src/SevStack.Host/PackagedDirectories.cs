using System.Text.RegularExpressions;
using SevStack.Toolkit.Processes;

namespace SevStack.Host;

/// <summary>
/// Folders our packages ship that already exist in the root. dpkg deletes such a folder when a purge leaves it empty
/// (<c>/opt</c> on a minimal system belongs to no package), so InstallHost records them and UninstallHost puts back any
/// that went, with their mode.
/// </summary>
public static partial class PackagedDirectories
{
    public static async Task<IReadOnlyList<KeptDirectory>> ExistingAsync(TargetRoot root, ICommandRunner runner, IEnumerable<string> debs,
        CancellationToken cancellationToken = default)
    {
        var kept = new SortedDictionary<string, KeptDirectory>(StringComparer.Ordinal);
        foreach (var deb in debs)
        {
            var listing = await runner.RunAsync(new CommandSpec("dpkg-deb", "--contents", deb) { IsQuery = true }, cancellationToken).ConfigureAwait(false);
            foreach (var folder in DirectoriesIn(listing.StandardOutput))
            {
                var mapped = root.MapEntry(folder);
                if (!kept.ContainsKey(folder) && Directory.Exists(mapped) && new DirectoryInfo(mapped).LinkTarget is null && !OperatingSystem.IsWindows())
                    kept[folder] = new KeptDirectory(folder, Convert.ToString((int)File.GetUnixFileMode(mapped), 8));
            }
        }
        return kept.Values.ToList();
    }

    /// <summary>The folders of a <c>dpkg-deb --contents</c> listing, as absolute paths without the trailing slash.</summary>
    public static IEnumerable<string> DirectoriesIn(string listing) =>
        listing.Split('\n')
            .Select(line => FolderLine().Match(line))
            .Where(match => match.Success)
            .Select(match => "/" + match.Groups["path"].Value.Trim().TrimStart('.').Trim('/'))
            .Where(path => path != "/");

    /// <summary>Puts back the recorded folders a purge removed (parents first), with their recorded mode.</summary>
    public static async Task<IReadOnlyList<string>> RestoreAsync(TargetRoot root, ICommandRunner runner, IEnumerable<KeptDirectory> kept,
        CancellationToken cancellationToken = default)
    {
        var restored = new List<string>();
        foreach (var folder in kept.OrderBy(k => k.Path, StringComparer.Ordinal).Where(k => !Directory.Exists(root.Map(k.Path))))
        {
            await runner.RunAsync(root.Command("mkdir", "-m", folder.Mode, folder.Path), cancellationToken).ConfigureAwait(false);
            restored.Add(folder.Path);
        }
        return restored;
    }

    [GeneratedRegex(@"^d\S+\s+\S+\s+\d+\s+\S+\s+\S+\s+(?<path>.+)$")]
    private static partial Regex FolderLine();
}

/// <summary>A folder that existed before our packages shipped it, and its mode in octal.</summary>
public sealed record KeptDirectory(string Path, string Mode);
