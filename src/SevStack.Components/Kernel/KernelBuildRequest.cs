namespace SevStack.Components.Kernel;

/// <summary>A configured O= folder (see <see cref="KernelConfigurator"/>) and how to build it.</summary>
/// <param name="SourceDate">The date of the sources (from the sources stage); stamps the kernel and the packages.</param>
public sealed record KernelBuildRequest(string SourceTree, string ObjectDirectory, DateTimeOffset SourceDate)
{
    public int Jobs { get; init; } = Environment.ProcessorCount;

    /// <summary>Appended to the kernel release (<c>6.1.192-sev</c>): names the image package and /lib/modules folder.</summary>
    public string LocalVersion { get; init; } = "-sev";

    /// <summary>The .deb version; when null, <c>&lt;kernel version&gt;&lt;LocalVersion&gt;-1</c>, which never equals a Debian kernel's version.</summary>
    public string? PackageVersion { get; init; }

    /// <summary>The kernel version a dry run names its packages with when the tree its fetch would make is not there yet.</summary>
    public string? PlannedVersion { get; init; }

    public string MaintainerName { get; init; } = "SevStack";
    public string MaintainerEmail { get; init; } = "sevstack@sevstack.invalid";
    public string BuildUser { get; init; } = "sevstack";
    public string BuildHost { get; init; } = "sevstack";

    /// <summary>ccache in front of the compiler; null compiles without it.</summary>
    public Ccache.CompilerCache? CompilerCache { get; init; }

    /// <summary>The Debian architecture of the packages.</summary>
    public string DebianArchitecture { get; init; } = "amd64";
}
