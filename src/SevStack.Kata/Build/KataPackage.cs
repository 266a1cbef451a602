using SevStack.Packaging.Inputs;
using PackagingSource = SevStack.Packaging.Inputs.SourceIdentity;

namespace SevStack.Kata.Build;

/// <summary>The sevstack-kata package: the staged Kata tree, every file below /opt/kata, one package for both generations.</summary>
public static class KataPackage
{
    public const string Name = "sevstack-kata";

    public static DebPackageSpec Spec(KataStaging staging, string maintainer, string buildSuffix) => new()
    {
        Name = Name,
        UpstreamVersion = staging.Version,
        BuildSuffix = buildSuffix,
        Architecture = "amd64",
        Maintainer = maintainer,
        Summary = staging.Generation == KataGeneration.V1
            ? "Kata Containers 1.x SEV runtime (AMD's fork) for Docker"
            : "Kata Containers static release for AMD SEV hosts",
        LongDescription = staging.Generation == KataGeneration.V1
            ? $"The kata-runtime of AMD's Kata Containers 1.x SEV fork (version {staging.Version}), built by SevStack "
              + $"and installed under {KataStaging.Prefix}/bin. ConfigureKata and ConfigureDocker make it Docker's SEV runtime."
            : $"Kata Containers {staging.Version} as published by the Kata project (kata-static, verified by its sha256): "
              + $"runtime, containerd shim v2, guest kernel and image, hypervisor and firmware, installed under {KataStaging.Prefix}."
              + "\n\nConfigureKata and ConfigureDocker make it Docker's SEV runtime.",
        StagingRoot = staging.Root,
        Prefix = InstallPrefix.Parse(KataStaging.Prefix),
        Source = new PackagingSource(staging.Source.Url, staging.Source.Resolved, [.. staging.Source.Patches.Select(p => $"{p.Name} {p.Sha256}")]),
        CacheKey = staging.Source.Key(),
        SourceDateEpoch = staging.Source.SourceDateEpoch ?? 0,
        Copyright = new CopyrightNotice("The Kata Containers Authors", "Apache-2.0",
            "On Debian systems, the complete text of the Apache License 2.0 can be found in /usr/share/common-licenses/Apache-2.0."),
        Section = "admin",
        Homepage = "https://katacontainers.io",
        // Release binaries stay byte for byte as published (their sha256 was checked); the guest kernel must keep its symbols.
        Strip = staging.Generation == KataGeneration.V1,
    };
}
