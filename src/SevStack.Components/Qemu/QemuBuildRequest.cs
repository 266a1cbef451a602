namespace SevStack.Components.Qemu;

/// <summary>What <see cref="QemuBuilder"/> builds.</summary>
/// <param name="SourceTree">The unpacked QEMU source (from the sources stage); never written to.</param>
/// <param name="BuildRoot">Holds <c>qemu-&lt;flavour&gt;</c> (the out-of-tree build) and <c>qemu-&lt;flavour&gt;-staging</c> (the DESTDIR).</param>
/// <param name="Prefix">The install prefix the binaries are built for, e.g. <c>/opt/sevstack</c> or <c>/opt/sevstack/kata</c>.</param>
public sealed record QemuBuildRequest(string SourceTree, string BuildRoot, QemuFlavour Flavour, string Prefix)
{
    public int Jobs { get; init; } = Environment.ProcessorCount;

    public string BuildDirectory => Path.Combine(Path.GetFullPath(BuildRoot), "qemu-" + Flavour.ToString().ToLowerInvariant());
    public string StagingDirectory => BuildDirectory + "-staging";
}
