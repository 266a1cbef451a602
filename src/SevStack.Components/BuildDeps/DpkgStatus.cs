namespace SevStack.Components.BuildDeps;

/// <summary>Reads <c>dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n'</c> output.</summary>
static class DpkgStatus
{
    /// <summary>Names whose status is "ii" (desired install, currently installed).</summary>
    public static HashSet<string> InstalledPackages(string dpkgQueryOutput)
    {
        var installed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in dpkgQueryOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && parts[1].StartsWith("ii", StringComparison.Ordinal))
                installed.Add(parts[0].Split(':')[0]);
        }
        return installed;
    }
}
