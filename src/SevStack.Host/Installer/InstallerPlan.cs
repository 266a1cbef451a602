using System.Text.RegularExpressions;
using SevStack.Host.Dependencies;
using SevStack.Toolkit;

namespace SevStack.Host.Installer;

/// <summary>
/// What the shell installer applies on a target, computed by the code InstallHost uses: the same packages (resolved and
/// checked in the same repository), the same kvm_amd file, GRUB drop-in, boot default and kernel release.
/// </summary>
public sealed partial record InstallerPlan(IReadOnlyList<RepositoryPackage> Packages, GrubDefaultMode GrubDefault, string KvmAmdFile,
    string? GrubDropIn, string? KernelRelease)
{
    [GeneratedRegex(@"^[a-z0-9][a-z0-9.+-]+$")]
    private static partial Regex PackageName();

    [GeneratedRegex(@"^[A-Za-z0-9.+~:-]+$")]
    private static partial Regex PackageVersion();

    [GeneratedRegex(@"^[A-Za-z0-9._+-]+$")]
    private static partial Regex KernelReleaseText();

    public static InstallerPlan From(InstallHostRequest request, IReadOnlyList<RepositoryPackage> packages)
    {
        foreach (var package in packages)
            if (!PackageName().IsMatch(package.Name) || !PackageVersion().IsMatch(package.Version))
                throw new BuildException($"the package '{package.Name}' version '{package.Version}' is not a Debian package name and version; rebuild it with PackageDebs");
        var kernelRelease = request.KernelRelease ?? HostInstaller.KernelReleaseOf(request.PackageNames);
        if (kernelRelease is not null && !KernelReleaseText().IsMatch(kernelRelease))
            throw new BuildException($"the kernel release '{kernelRelease}' has characters other than letters, digits and ._+-; name the linux-image package after a plain kernel release");
        return new InstallerPlan(packages, request.GrubDefault, request.KvmAmd.FileContent(),
            GrubSettings.DropIn(request.GrubDefault, request.KernelCommandLine), kernelRelease);
    }

    /// <summary>plan/depends: "package TAB clause TAB alternatives", the alternatives ";"-separated as "name [relation version]".</summary>
    public string DependsFile() => string.Concat(Packages.SelectMany(p => DependencyClause.Parse(p.Depends, p.Name).Select(c =>
        $"{p.Name}\t{c.Text}\t{string.Join(";", c.Alternatives.Select(a => a.Relation is null ? a.Name : $"{a.Name} {a.Relation} {a.Version}"))}\n")));

    public long PackageBytes => Packages.Sum(p => p.Size);
}
