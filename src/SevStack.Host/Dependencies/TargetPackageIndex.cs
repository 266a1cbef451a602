namespace SevStack.Host.Dependencies;

/// <summary>
/// The versions of some packages a target root has installed (its dpkg status) or can install (its apt lists, as apt-get
/// update left them), including what other packages provide. Reads only the stanzas that name the packages asked for.
/// </summary>
public sealed class TargetPackageIndex
{
    const string StatusFile = "/var/lib/dpkg/status";
    const string ListsFolder = "/var/lib/apt/lists";

    readonly Dictionary<string, List<PackageOffer>> offers = new(StringComparer.Ordinal);

    public IReadOnlyList<PackageOffer> OffersOf(string name) => offers.GetValueOrDefault(name) ?? [];

    public static TargetPackageIndex Read(TargetRoot root, IReadOnlySet<string> names)
    {
        var index = new TargetPackageIndex();
        var status = root.Map(StatusFile);
        if (File.Exists(status))
            index.Scan(status, names, installedOnly: true, "installed");
        var lists = root.Map(ListsFolder);
        if (Directory.Exists(lists))
            // A file: source's list is a symbolic link to its Packages, absolute inside the root (and gone with a removed repository).
            foreach (var list in Directory.GetFiles(lists, "*_Packages").Select(l => root.Map($"{ListsFolder}/{Path.GetFileName(l)}"))
                .Where(File.Exists).Order(StringComparer.Ordinal))
                index.Scan(list, names, installedOnly: false, "available");
        return index;
    }

    public void Add(string name, PackageOffer offer)
    {
        if (!offers.TryGetValue(name, out var list))
            offers[name] = list = [];
        list.Add(offer);
    }

    void Scan(string file, IReadOnlySet<string> names, bool installedOnly, string where)
    {
        string? package = null, version = null, provides = null;
        var installed = false;
        void Flush()
        {
            if (package is not null && version is not null && (!installedOnly || installed))
            {
                if (names.Contains(package))
                    Add(package, new PackageOffer(package, version, where));
                foreach (var provided in (provides ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var parts = provided.Split('(', 2, StringSplitOptions.TrimEntries);
                    var name = parts[0].Split(':')[0];
                    if (names.Contains(name))
                        Add(name, new PackageOffer(package, parts.Length > 1 ? parts[1].TrimEnd(')').Replace("=", "", StringComparison.Ordinal).Trim() : null, where, IsProvided: true));
                }
            }
            package = version = provides = null;
            installed = false;
        }
        foreach (var line in File.ReadLines(file))
        {
            if (line.Length == 0) Flush();
            else if (line.StartsWith("Package: ", StringComparison.Ordinal)) package = line[9..].Trim();
            else if (line.StartsWith("Version: ", StringComparison.Ordinal)) version = line[9..].Trim();
            else if (line.StartsWith("Provides: ", StringComparison.Ordinal)) provides = line[10..];
            else if (line.StartsWith("Status: ", StringComparison.Ordinal)) installed = line.EndsWith(" installed", StringComparison.Ordinal);
        }
        Flush();
    }
}

/// <param name="Package">The package that offers it (another one for a Provides).</param>
/// <param name="Version">The version, or for an unversioned Provides null (it satisfies only unversioned dependencies).</param>
/// <param name="Where">"installed", "available", or where else it comes from.</param>
public sealed record PackageOffer(string Package, string? Version, string Where, bool IsProvided = false);
