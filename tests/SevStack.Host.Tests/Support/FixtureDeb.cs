namespace SevStack.Host.Tests.Support;

/// <summary>Builds one tiny real .deb with dpkg-deb.</summary>
static class FixtureDeb
{
    /// <param name="work">Where the package tree is laid out.</param>
    /// <param name="debsFolder">Where NAME_VERSION_amd64.deb is written.</param>
    public static void Build(string work, string debsFolder, string name, string version, string? depends, Dictionary<string, string> files, string? postinst)
    {
        var tree = Path.Combine(work, "tree-" + name);
        Directory.CreateDirectory(Path.Combine(tree, "DEBIAN"));
        File.WriteAllText(Path.Combine(tree, "DEBIAN", "control"),
            $"Package: {name}\nVersion: {version}\nArchitecture: amd64\nMaintainer: SevStack tests <tests@sevstack.invalid>\n"
            + (depends is null ? "" : $"Depends: {depends}\n") + $"Description: SevStack test fixture {name}\n");
        if (postinst is not null)
        {
            File.WriteAllText(Path.Combine(tree, "DEBIAN", "postinst"), postinst);
            File.SetUnixFileMode(Path.Combine(tree, "DEBIAN", "postinst"), (UnixFileMode)0b111_101_101);
        }
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(tree, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }
        Directory.CreateDirectory(debsFolder);
        Shell.Run("dpkg-deb", "--root-owner-group", "-Zgzip", "--build", tree, Path.Combine(debsFolder, $"{name}_{version}_amd64.deb"));
    }
}
