using System.Text;
using SevStack.Toolkit;

namespace SevStack.Components.Kernel;

/// <summary>
/// Debian's kernel config for one flavour from a source tree's <c>debian/config</c>, merged as Debian's
/// <c>debian/bin/gencontrol.py</c> lists the files and <c>debian/bin/kconfig.py</c> merges them: <c>config</c>,
/// <c>kernelarch-KARCH/config</c>, <c>ARCH/config</c>, <c>ARCH/config.FLAVOUR</c>, <c>featureset-FS/config</c>,
/// <c>ARCH/FS/config</c>, <c>ARCH/FS/config.FLAVOUR</c>, each option's last value winning. A <c>configs</c> list in the
/// matching <c>[image]</c> section of a <c>defines</c> file replaces the default file of that level, and
/// <c>debian/config.local</c> is looked in before <c>debian/config</c>, as Debian does.
/// </summary>
public static class DebianKernelConfigMerge
{
    public static string ConfigDirectory(string sourceTree) => Path.Combine(sourceTree, "debian", "config");

    /// <summary>Whether the tree carries Debian's configs (a tree from <c>apt-get source linux</c> or Debian's git).</summary>
    public static bool IsIn(string sourceTree) => File.Exists(Path.Combine(ConfigDirectory(sourceTree), "config"));

    /// <summary>The files Debian merges for <paramref name="flavour"/>, in merge order.</summary>
    public static IReadOnlyList<string> Files(string sourceTree, DebianKernelFlavour flavour)
    {
        var roots = new[] { Path.Combine(sourceTree, "debian", "config.local"), ConfigDirectory(sourceTree) }.Where(Directory.Exists).ToList();
        if (!IsIn(sourceTree))
            throw new BuildException($"{ConfigDirectory(sourceTree)}/config does not exist; this tree carries no Debian kernel configs.");
        if (roots.Any(root => File.Exists(Path.Combine(root, "defines.toml"))))
            throw new BuildException($"{ConfigDirectory(sourceTree)} uses Debian's newer defines.toml layout, which SevStack does not merge; give Debian's merged config with --kernel-config file:PATH.");
        var (arch, featureset, name) = (flavour.Arch, flavour.Featureset, flavour.Flavour);
        var kernelArch = Defines(roots, "defines").Concat(Defines(roots, arch, "defines"))
            .Select(d => d.Get("base", "kernel-arch")).LastOrDefault(v => v is { Count: 1 })?[0]
            ?? throw new BuildException($"{ConfigDirectory(sourceTree)}/{arch}/defines names no kernel-arch in its [base] section; is {arch} a Debian architecture of this tree?");

        var files = new List<string>();
        files.AddRange(Level(roots, "config", required: true, null));
        files.AddRange(Level(roots, $"kernelarch-{kernelArch}/config", required: false, null));
        files.AddRange(Level(roots, $"{arch}/config", required: true, ImageConfigs(roots, [arch], "image")));
        files.AddRange(Level(roots, $"{arch}/config.{name}", required: false, ImageConfigs(roots, [arch], $"{name}_image")));
        files.AddRange(Level(roots, $"featureset-{featureset}/config", required: false, ImageConfigs(roots, [$"featureset-{featureset}"], "image")));
        files.AddRange(Level(roots, $"{arch}/{featureset}/config", required: false, ImageConfigs(roots, [arch, featureset], "image")));
        files.AddRange(Level(roots, $"{arch}/{featureset}/config.{name}", required: false, ImageConfigs(roots, [arch, featureset], $"{name}_image")));
        return files;
    }

    /// <summary>The merged config of <paramref name="files"/>: every option once, with the value of the last file that sets it.</summary>
    public static string Merge(IEnumerable<string> files)
    {
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
            foreach (var setting in KernelConfigFile.Read(file).Settings)
                merged[setting.Name] = setting.Value;
        var text = new StringBuilder();
        foreach (var (name, value) in merged.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            text.Append(value == "n" ? $"# CONFIG_{name} is not set\n" : $"CONFIG_{name}={value}\n");
        return text.ToString();
    }

    /// <summary>The files of one level: the <c>configs</c> list of its defines when there is one (each must exist), else the default file.</summary>
    static IEnumerable<string> Level(IReadOnlyList<string> roots, string defaultFile, bool required, IReadOnlyList<string>? configs)
    {
        if (configs is not null)
            return configs.Select(c => Find(roots, c) ?? throw new BuildException($"the Debian kernel config {c} named in a defines file does not exist under {string.Join(" or ", roots)}"));
        var found = Find(roots, defaultFile);
        if (found is null && required)
            throw new BuildException($"the Debian kernel config {defaultFile} does not exist under {string.Join(" or ", roots)}");
        return found is null ? [] : [found];
    }

    static IReadOnlyList<string>? ImageConfigs(IReadOnlyList<string> roots, string[] folder, string section) =>
        Defines(roots, [.. folder, "defines"]).Select(d => d.Get(section, "configs")).LastOrDefault(c => c is not null);

    /// <summary>The defines of that path in each root, debian/config first so that config.local's come last and win.</summary>
    static IEnumerable<DebianDefines> Defines(IReadOnlyList<string> roots, params string[] path) =>
        roots.Reverse().Select(root => DebianDefines.Read(Path.Combine([root, .. path])));

    static string? Find(IReadOnlyList<string> roots, string relative) =>
        roots.Select(root => Path.Combine(root, relative)).FirstOrDefault(File.Exists);
}
