using SevStack.Toolkit;
using SevStack.Packaging.Inputs;

namespace SevStack.Packaging.Tree;

/// <summary>
/// Two of our packages shipping the same path (the seed installed the Kata QEMU over the host QEMU) must
/// declare Conflicts and Replaces on each other; otherwise dpkg would refuse the second one at install time.
/// </summary>
public static class FileCollisions
{
    public static void Check(IReadOnlyList<(DebPackageSpec Spec, StagedTree Tree)> packages)
    {
        var owners = new Dictionary<string, DebPackageSpec>(StringComparer.Ordinal);
        foreach (var (spec, tree) in packages)
        {
            foreach (var entry in tree.Files)
            {
                if (owners.TryGetValue(entry.InstalledPath, out var other) && other.Name != spec.Name && !Declared(spec, other))
                    throw new BuildException($"Packages {other.Name} and {spec.Name} both ship {entry.InstalledPath}: give them different install prefixes, or declare Conflicts and Replaces on each other.");
                owners[entry.InstalledPath] = spec;
            }
        }
    }

    static bool Declared(DebPackageSpec a, DebPackageSpec b) =>
        a.Conflicts.Contains(b.Name) && a.Replaces.Contains(b.Name) && b.Conflicts.Contains(a.Name) && b.Replaces.Contains(a.Name);
}
