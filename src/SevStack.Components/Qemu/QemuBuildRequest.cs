namespace SevStack.Components.Qemu;

/// <summary>What <see cref="QemuBuilder"/> builds.</summary>
/// <param name="SourceTree">The unpacked QEMU source (from the sources stage); never written to.</param>
/// <param name="BuildRoot">Holds <c>qemu-&lt;flavour&gt;</c> (the out-of-tree build) and <c>qemu-&lt;flavour&gt;-staging</c> (the DESTDIR).</param>
/// <param name="Prefix">The install prefix the binaries are built for, e.g. <c>/opt/sevstack</c> or <c>/opt/sevstack/kata</c>.</param>
public sealed record QemuBuildRequest(string SourceTree, string BuildRoot, QemuFlavour Flavour, string Prefix)
{
    public int Jobs { get; init; } = Environment.ProcessorCount;

    /// <summary>ccache in front of the compiler; null compiles without it (even when meson would find one on PATH).</summary>
    public Ccache.CompilerCache? CompilerCache { get; init; }

    public string BuildDirectory => Path.Combine(Path.GetFullPath(BuildRoot), "qemu-" + Flavour.ToString().ToLowerInvariant());
    /// <summary>The DESTDIR of the install; by default <c>qemu-&lt;flavour&gt;-staging</c> beside the build folder.</summary>
    public string StagingDirectory { get => staging ?? BuildDirectory + "-staging"; init => staging = Path.GetFullPath(value); }

    readonly string? staging;
}
