using System.Text;
using SevStack.Toolkit;
using SevStack.Engine.Caching;
using SevStack.Sources.Identity;

namespace SevStack.Sources.Patches;

/// <summary>One patch of a series: its file, where the series names it, and its content hash.</summary>
public sealed record PatchFile(string Name, string FullPath, int SeriesLine, string Sha256)
{
    public PatchIdentity Identity => new(Name, Sha256);
}

/// <summary>
/// <c>patches/&lt;component&gt;/series</c> in quilt style: one patch file per line, in order; <c>#</c> starts a comment;
/// an optional <c>-p1</c> after the name is accepted. No series file means no patches. A profile's own
/// <c>patches/&lt;profile&gt;/&lt;component&gt;/series</c> takes the place of the component's (an empty one: no patches),
/// for sources whose patches differ, e.g. the kernel 6.1 patch that does not apply to 6.12.
/// </summary>
public sealed record PatchSeries(string SeriesPath, IReadOnlyList<PatchFile> Patches)
{
    /// <summary>The series of <paramref name="component"/> for <paramref name="profile"/>: the profile's own when it has one.</summary>
    public static PatchSeries Load(string patchesDirectory, string component, string? profile)
    {
        var profileFolder = profile is null ? null : Path.Combine(patchesDirectory, profile, component);
        return profileFolder is not null && File.Exists(Path.Combine(profileFolder, "series"))
            ? LoadFolder(profileFolder)
            : LoadFolder(Path.Combine(patchesDirectory, component));
    }

    static PatchSeries LoadFolder(string folder)
    {
        var series = Path.Combine(folder, "series");
        if (!File.Exists(series))
            return new PatchSeries(series, []);
        var patches = new List<PatchFile>();
        var lines = File.ReadAllLines(series);
        for (var i = 0; i < lines.Length; i++)
        {
            var text = lines[i];
            var hash = text.IndexOf('#');
            if (hash >= 0)
                text = text[..hash];
            var words = text.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
                continue;
            if (words.Skip(1).Any(w => w != "-p1"))
                throw new BuildException($"{series} line {i + 1}: only '-p1' is supported after a patch name, found '{string.Join(' ', words.Skip(1))}'");
            var name = words[0];
            var full = Path.GetFullPath(Path.Combine(folder, name));
            if (!full.StartsWith(Path.GetFullPath(folder) + "/", StringComparison.Ordinal))
                throw new BuildException($"{series} line {i + 1}: '{name}' is outside {folder}; patches must live beside their series file");
            if (!File.Exists(full))
                throw new BuildException($"{series} line {i + 1}: patch file '{name}' does not exist in {folder}");
            patches.Add(new PatchFile(name, full, i + 1, ContentHash(full)));
        }
        return new PatchSeries(series, patches);
    }

    public IReadOnlyList<PatchIdentity> Identities => [.. Patches.Select(p => p.Identity)];

    /// <summary>sha256 of the patch with CRLF turned into LF, so a checkout's line-ending setting does not change the identity.</summary>
    internal static string ContentHash(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var text = Encoding.Latin1.GetString(bytes).Replace("\r\n", "\n", StringComparison.Ordinal);
        return FileHashes.Sha256(Encoding.Latin1.GetBytes(text));
    }
}
