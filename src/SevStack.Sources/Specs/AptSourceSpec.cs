using System.Text.RegularExpressions;

namespace SevStack.Sources.Specs;

/// <summary><c>apt:qemu</c>, <c>apt:qemu=1:7.2+dfsg-7</c>, or <c>apt:linux</c> (the kernel from the <c>linux-source-*</c> package).</summary>
public sealed partial record AptSourceSpec(string Text, string Package, string? Version) : SourceSpec(Text)
{
    public override string Kind => IsKernel ? "apt-kernel" : "apt";

    /// <summary><c>apt:linux</c> uses the binary <c>linux-source-&lt;ver&gt;</c> package's tarball, not <c>apt-get source linux</c>.</summary>
    public bool IsKernel => Package == "linux";

    internal static AptSourceSpec ParseApt(string value)
    {
        var body = value["apt:".Length..];
        var equals = body.IndexOf('=');
        var package = equals < 0 ? body : body[..equals];
        var version = equals < 0 ? null : body[(equals + 1)..];
        if (!PackageName().IsMatch(package))
            throw Invalid(value, $"'{package}' is not a Debian package name");
        if (version is not null && !VersionText().IsMatch(version))
            throw Invalid(value, $"'{version}' is not a Debian version");
        return new AptSourceSpec(value, package, version);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9+.-]+$")]
    private static partial Regex PackageName();

    [GeneratedRegex("^[0-9A-Za-z.+~:-]+$")]
    private static partial Regex VersionText();
}
