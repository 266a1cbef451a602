using SevStack.Packaging.Apt;
using SevStack.Packaging.Inputs;

namespace SevStack.Packaging;

/// <summary>What one PackageDebs run publishes: our packages from staged trees, kernel packages by exact path, and an optional signing key.</summary>
/// <param name="IncludeLinuxLibcDev">Ship a linux-libc-dev given among the kernel packages (refused otherwise).</param>
/// <param name="ArtifactsRoot">The artifacts folder; debs/, apt/, SHA256SUMS and manifest.json are written below it.</param>
public sealed record PackageDebsRequest(
    string ArtifactsRoot,
    IReadOnlyList<DebPackageSpec> Packages,
    IReadOnlyList<KernelDebInput> KernelDebs,
    AptSigningKey? SigningKey = null,
    bool IncludeLinuxLibcDev = false);
