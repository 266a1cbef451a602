using SevStack.Packaging.Inputs;

namespace SevStack.Kata.Staging;

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
        Source = new PackageSourceInfo(staging.Source.Url, staging.Source.Resolved, [.. staging.Source.Patches.Select(p => $"{p.Name} {p.Sha256}")]),
        CacheKey = staging.Source.Key(),
        SourceDateEpoch = staging.Source.SourceDateEpoch ?? 0,
        Copyright = new CopyrightNotice("The Kata Containers Authors", "Apache-2.0",
            "On Debian systems, the complete text of the Apache License 2.0 can be found in /usr/share/common-licenses/Apache-2.0."),
        Section = "admin",
        Homepage = "https://katacontainers.io",
        // Release files stay as published: strip's --remove-section=.note would also drop the PVH entry note a guest vmlinux boots by.
        Strip = staging.Generation == KataGeneration.V1,
        LintianOverrides = staging.Generation == KataGeneration.V1 ? [] : ReleaseOverrides,
    };

    /// <summary>What lintian says about upstream's prebuilt release, and why it stays that way.</summary>
    static readonly IReadOnlyList<(string Tag, string Reason)> ReleaseOverrides =
    [
        ("statically-linked-binary", "Kata's release binaries (virtiofsd, the static QEMU, shims) are linked statically by upstream so they run on any distribution."),
        ("embedded-library", "The statically linked release binaries carry their libraries inside, as upstream builds them."),
        ("unstripped-binary-or-object", "Packaged as published and verified by sha256; stripping a guest vmlinux would drop the ELF notes it boots by."),
    ];
}
