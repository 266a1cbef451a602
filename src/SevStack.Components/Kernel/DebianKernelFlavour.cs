namespace SevStack.Components.Kernel;

/// <summary>One of Debian's kernel builds: Debian architecture, featureset and flavour (amd64, none, amd64 is the generic x86-64 kernel).</summary>
public sealed record DebianKernelFlavour(string Arch, string Featureset, string Flavour)
{
    public static DebianKernelFlavour Amd64 { get; } = new("amd64", "none", "amd64");

    /// <summary>The name Debian gives the merged file: <c>config.amd64_none_amd64</c>.</summary>
    public string MergedFileName => $"config.{Arch}_{Featureset}_{Flavour}";
}
