using SevStack.Sources.Apt;

namespace SevStack.Components.BuildRoots;

/// <summary>
/// The packages of a build root that one build can use, with their versions, read from the root's dpkg status: the
/// build's own packages, the essential ones (Debian policy lets a build use them undeclared), and everything those
/// depend on (Depends and Pre-Depends, every installed alternative, the installed providers of a virtual name). A
/// package installed into the root for another build (or by hand) is outside this set, so it does not change the key.
/// </summary>
public static class BuildRootPackages
{
    /// <summary>"name=version" lines, sorted; a requested package that is not installed is listed as "name=(not installed)".</summary>
    public static IReadOnlyList<string> Closure(string dpkgStatus, IEnumerable<string> requested)
    {
        var installed = new Dictionary<string, InstalledPackage>(StringComparer.Ordinal);
        var providers = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var stanza in DebSrcEntries.Stanzas(dpkgStatus))
        {
            string Field(string name) => stanza.FirstOrDefault(f => f.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value ?? "";
            if (!Field("Status").EndsWith(" installed", StringComparison.Ordinal) || Field("Package") is not { Length: > 0 } package)
                continue;
            var entry = new InstalledPackage(package, Field("Version"), Field("Essential") == "yes", [.. Names(Field("Pre-Depends")), .. Names(Field("Depends"))]);
            installed.TryAdd(package, entry);
            foreach (var provided in Names(Field("Provides")))
                (providers.TryGetValue(provided, out var list) ? list : providers[provided] = []).Add(package);
        }

        var wanted = requested.ToList();
        var lines = wanted.Where(name => !installed.ContainsKey(name) && !providers.ContainsKey(name)).Select(name => $"{name}=(not installed)").ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(wanted.Concat(installed.Values.Where(p => p.Essential).Select(p => p.Name)));
        while (pending.Count > 0)
        {
            var name = pending.Pop();
            if (!seen.Add(name))
                continue;
            if (providers.TryGetValue(name, out var providing))
                foreach (var provider in providing)
                    pending.Push(provider);
            if (!installed.TryGetValue(name, out var package))
                continue;
            lines.Add($"{package.Name}={package.Version}");
            foreach (var dependency in package.Depends)
                pending.Push(dependency);
        }
        return lines.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The package names of a relation field: every alternative, without version, architecture qualifier or restriction.</summary>
    static IEnumerable<string> Names(string relations) =>
        relations.Split([',', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(relation => relation.Split([' ', '(', '[', '<'], 2)[0].Split(':')[0])
            .Where(name => name.Length > 0);

    sealed record InstalledPackage(string Name, string Version, bool Essential, IReadOnlyList<string> Depends);
}
