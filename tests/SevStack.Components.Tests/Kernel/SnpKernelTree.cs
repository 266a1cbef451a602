using SevStack.Components.Kernel;

namespace SevStack.Components.Tests.Kernel;

/// <summary>
/// A real SNP-capable (6.11+) linux source tree for the config-only e2e checks: <c>$SEVSTACK_SNP_KERNEL_TREE</c>, else the
/// tree the e2e suite's snp profile fetched (<c>$SEVSTACK_E2E_SNP_ROOT</c>, else /var/tmp/sevstack-e2e/snp/repo), else the
/// main e2e root's (<c>$SEVSTACK_E2E_ROOT</c>, else /var/tmp/sevstack-e2e/repo) when that one is 6.11 or later; each at
/// <c>&lt;root&gt;/artifacts/work/src/kernel</c>.
/// </summary>
static class SnpKernelTree
{
    public const string Variable = "SEVSTACK_SNP_KERNEL_TREE";

    /// <summary>The tree, or null with the reason it is missing (the test is then reported as skipped with that reason).</summary>
    public static (string? Path, string? Missing) Locate()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
            return Usable(given, $"${Variable}");
        var snp = Usable(WorkTree("SEVSTACK_E2E_SNP_ROOT", "/var/tmp/sevstack-e2e/snp/repo"), "the snp e2e root's kernel work tree");
        return snp.Path is not null ? snp : Usable(WorkTree("SEVSTACK_E2E_ROOT", "/var/tmp/sevstack-e2e/repo"), "the e2e suite's kernel work tree");
    }

    static string WorkTree(string variable, string fallback) =>
        Path.Combine(Environment.GetEnvironmentVariable(variable) is { Length: > 0 } root ? root : fallback, "artifacts", "work", "src", "kernel");

    static (string? Path, string? Missing) Usable(string tree, string origin)
    {
        var hint = $"; set ${Variable} to an unpacked linux 6.11+ source (e.g. trixie's linux 6.12) or fetch it with the snp profile";
        if (!File.Exists(Path.Combine(tree, "Makefile")) || !File.Exists(Path.Combine(tree, "scripts", "config")))
            return (null, $"no kernel source tree at {tree} ({origin}){hint}");
        var version = KernelVersion.Read(tree);
        return KernelSecurityOptions.CanRunSnp(KernelFlavour.Host, version)
            ? (tree, null)
            : (null, $"{tree} ({origin}) is Linux {version}, older than {KernelSnpOptions.MinimumHostVersion}{hint}");
    }
}

/// <summary>A fact that runs only when <see cref="SnpKernelTree"/> finds a tree; otherwise it is reported as skipped, with the reason.</summary>
sealed class SnpKernelTreeFactAttribute : FactAttribute
{
    public SnpKernelTreeFactAttribute()
    {
        if (SnpKernelTree.Locate().Missing is { } reason)
            Skip = "inconclusive: " + reason;
    }
}
