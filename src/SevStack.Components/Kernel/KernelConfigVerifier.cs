using SevStack.Toolkit;

namespace SevStack.Components.Kernel;

/// <summary>Checks that every requested option survived in the final <c>.config</c>.</summary>
public static class KernelConfigVerifier
{
    public static IReadOnlyList<LostKernelOption> FindLost(KernelConfigFile config, IEnumerable<KconfigSetting> requested, Func<KconfigDeclarations> declarations)
    {
        var unmet = requested.Where(r => r.Check != KconfigCheck.NotChecked && !r.IsSatisfiedBy(config[r.Name])).ToList();
        if (unmet.Count == 0)
            return [];
        var kconfig = declarations();
        return unmet
            .Where(r => r.Check == KconfigCheck.Required || kconfig.IsDeclared(r.Name))
            .Select(r => new LostKernelOption(r, config[r.Name], kconfig.IsDeclared(r.Name), kconfig.DependenciesOf(r.Name)))
            .ToList();
    }

    /// <summary>Throws one line listing each lost option and its dependencies.</summary>
    /// <param name="fragmentsDirectory">Where the user adds the missing dependencies (the flavour's <c>patches/…</c> folder).</param>
    public static void Verify(string configPath, string sourceTree, IEnumerable<KconfigSetting> requested, string fragmentsDirectory = "patches/kernel")
    {
        var lost = FindLost(KernelConfigFile.Read(configPath), requested, () => KconfigDeclarations.Scan(sourceTree));
        if (lost.Count == 0)
            return;
        throw new BuildException(
            $"Kernel config {configPath}: {lost.Count} requested option(s) did not survive 'make olddefconfig': " +
            string.Join("; ", lost.Select(l => l.Describe())) +
            $". Enable the missing dependencies in a {fragmentsDirectory}/*.config fragment or choose another --kernel-config base.");
    }
}
