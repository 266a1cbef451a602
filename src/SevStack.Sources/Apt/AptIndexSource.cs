using System.Text;
using System.Text.RegularExpressions;
using SevStack.Toolkit;
using SevStack.Toolkit.Processes;

namespace SevStack.Sources.Apt;

/// <summary>
/// A source package whose .dsc the mirror does not serve while its other files are there (this mirror answers 404 for
/// trixie's <c>edk2_2025.02-8+deb13u1.dsc</c>), made from what apt verified: <c>apt-get source --print-uris</c> lists
/// every file with its SHA-256 from the Sources index, which <c>apt-get update</c> checked against the signed InRelease;
/// each file but the .dsc is downloaded with apt's own <c>apt-helper download-file</c>, which checks that SHA-256, and
/// the .dsc is written from the same index entry (<c>apt-cache showsrc</c>: the fields dpkg-source reads and the file
/// lists without the .dsc), so <c>dpkg-source -x</c> unpacks and patches the tree exactly as for a downloaded .dsc. The
/// index's SHA-256 of the real .dsc is kept beside it (<see cref="IndexHashSuffix"/>) and pins the package in the lock,
/// as a downloaded .dsc's own hash would.
/// </summary>
public sealed partial class AptIndexSource(ICommandRunner runner, IBuildLog log, AptEnvironment apt)
{
    /// <summary>Beside a written .dsc: the SHA-256 the Sources index gives for the real one.</summary>
    public const string IndexHashSuffix = ".index-sha256";

    static readonly string[] DscFields = ["Format", "Source", "Binary", "Architecture", "Version", "Maintainer", "Uploaders", "Homepage", "Standards-Version", "Build-Depends", "Build-Depends-Indep", "Build-Depends-Arch"];

    /// <summary>Downloads the package's files into the empty folder <paramref name="staging"/> and writes its .dsc there.</summary>
    public async Task<string> DownloadAsync(string package, string? version, string staging, CancellationToken cancellationToken)
    {
        var target = version is null ? package : $"{package}={version}";
        var uris = await runner.RunAsync(AptGet(["source", "--print-uris", target]) with { WorkingDirectory = staging, IsQuery = true }, cancellationToken);
        var files = IndexFiles(uris.StandardOutput);
        var dsc = files.SingleOrDefault(f => f.Name.EndsWith(".dsc", StringComparison.Ordinal))
            ?? throw new BuildException($"apt-get source --print-uris {target} lists no .dsc; run apt-get update");
        var entry = Entry(await runner.RunAsync(AptCache(["showsrc", "--only-source", package]) with { IsQuery = true }, cancellationToken), package, dsc.Name);
        var others = files.Where(f => f != dsc).ToList();
        foreach (var file in others)
        {
            log.Info($"apt: {file.Name} from {file.Uri} (SHA-256 {file.Sha256} from the signed Sources index)");
            await runner.RunAsync(new CommandSpec("/usr/lib/apt/apt-helper", [.. apt.Options, "download-file", file.Uri, Path.Combine(staging, file.Name), "SHA256:" + file.Sha256])
            {
                Environment = new Dictionary<string, string?> { ["LC_ALL"] = "C" },
            }, cancellationToken);
        }
        var dscPath = Path.Combine(staging, dsc.Name);
        if (!runner.IsDryRun)
        {
            File.WriteAllText(dscPath, DscText(entry, others));
            File.WriteAllText(dscPath + IndexHashSuffix, dsc.Sha256 + "\n");
        }
        return dscPath;
    }

    /// <summary>The files of <c>apt-get source --print-uris</c>: <c>'URI' NAME SIZE SHA256:HEX</c> lines.</summary>
    public static IReadOnlyList<IndexFile> IndexFiles(string printUris) =>
        [.. PrintedUri().Matches(printUris).Select(m => new IndexFile(m.Groups["uri"].Value, m.Groups["name"].Value, long.Parse(m.Groups["size"].Value), m.Groups["sha"].Value))];

    /// <summary>The .dsc dpkg-source reads: the entry's own fields, and the checksums of the files other than the .dsc.</summary>
    public static string DscText(IReadOnlyList<KeyValuePair<string, string>> entry, IReadOnlyList<IndexFile> files)
    {
        string? Field(string name) => entry.FirstOrDefault(f => f.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
        var text = new StringBuilder($"Format: {Field("Format") ?? throw new BuildException("the Sources index entry has no Format field")}\n");
        text.Append($"Source: {Field("Package")}\n");
        foreach (var name in DscFields.Skip(2))
            if (Field(name) is { Length: > 0 } value)
                text.Append($"{name}: {value}\n");
        text.Append("Checksums-Sha256:\n");
        foreach (var file in files)
            text.Append($" {file.Sha256} {file.Size} {file.Name}\n");
        var md5 = (Field("Files") ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        text.Append("Files:\n");
        foreach (var file in files)
            text.Append($" {md5.FirstOrDefault(l => l.EndsWith(" " + file.Name, StringComparison.Ordinal)) ?? throw new BuildException($"the Sources index entry lists no MD5 of {file.Name}")}\n");
        return text.ToString();
    }

    /// <summary>The stanza of <c>apt-cache showsrc</c> whose file list names <paramref name="dscName"/>.</summary>
    static List<KeyValuePair<string, string>> Entry(CommandResult showsrc, string package, string dscName) =>
        DebSrcEntries.Stanzas(showsrc.StandardOutput).FirstOrDefault(s => s.Any(f => f.Key == "Package" && f.Value == package) &&
            s.Any(f => f.Key == "Checksums-Sha256" && f.Value.Contains(" " + dscName, StringComparison.Ordinal)))
        ?? throw new BuildException($"apt-cache showsrc {package} has no entry listing {dscName}; run apt-get update");

    CommandSpec AptGet(IEnumerable<string> arguments) => new("apt-get", [.. apt.Options, .. arguments]) { Environment = new Dictionary<string, string?> { ["LC_ALL"] = "C" } };

    CommandSpec AptCache(IEnumerable<string> arguments) => new("apt-cache", [.. apt.Options, .. arguments]) { Environment = new Dictionary<string, string?> { ["LC_ALL"] = "C" } };

    [GeneratedRegex(@"^'(?<uri>[^']+)' (?<name>\S+) (?<size>\d+) SHA256:(?<sha>[0-9a-f]{64})$", RegexOptions.Multiline)]
    private static partial Regex PrintedUri();
}

/// <summary>One file of a source package as the Sources index lists it.</summary>
public sealed record IndexFile(string Uri, string Name, long Size, string Sha256);
