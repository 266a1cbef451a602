using SevStack.Toolkit.Processes;

namespace SevStack.Host.Apt;

/// <summary>The steps that install packages through apt, from the configured archives or from a <see cref="SignedAptSource"/>.</summary>
public static class AptInstallPlan
{
    /// <summary>
    /// The key is downloaded and its fingerprint checked before the source is written or anything is installed into a
    /// sysroot. On this machine the tools that fetch and check it (curl, gnupg, and the CA certificates curl needs for an
    /// https repository) come first; in a sysroot they run outside the root, which gets only the CA certificates apt needs.
    /// </summary>
    /// <param name="intoSysroot">The root is a --sysroot: curl and gpg run on this machine, so the root needs neither.</param>
    public static IReadOnlyList<AptInstallStep> FromSignedSource(SignedAptSource source, IReadOnlyList<string> packages, bool intoSysroot)
    {
        var https = source.Url.StartsWith("https:", StringComparison.Ordinal);
        string[] certificates = https ? ["ca-certificates"] : [];
        IReadOnlyList<AptInstallStep> toolsFirst = intoSysroot ? [] : Install([.. certificates, "curl", "gnupg"]);
        IReadOnlyList<AptInstallStep> certificatesAfterCheck = intoSysroot ? Install(certificates) : [];
        return
        [
            .. toolsFirst,
            Root("curl", "-fsSL", source.KeyUrl, "-o", source.KeyPath),
            new VerifyKeyStep(source.KeyPath, source.KeyFingerprint),
            Root("chmod", "a+r", source.KeyPath),
            .. certificatesAfterCheck,
            new WriteFileStep(source.SourcesPath, source.Deb822()),
            AptGet("update"),
            AptGet(["install", "-y", .. packages]),
        ];
    }

    /// <summary>The distribution's own packages, from the archives the root is configured with.</summary>
    public static IReadOnlyList<AptInstallStep> FromConfiguredArchives(params string[] packages) => Install(packages);

    /// <summary>apt-get update and install of <paramref name="packages"/>; nothing when there are none.</summary>
    static IReadOnlyList<AptInstallStep> Install(string[] packages) =>
        packages.Length == 0 ? [] : [AptGet("update"), AptGet(["install", "-y", .. packages])];

    static RunCommandStep AptGet(params string[] arguments) => new(new CommandSpec("apt-get", arguments)
    {
        NeedsRoot = true,
        Environment = new Dictionary<string, string?> { ["DEBIAN_FRONTEND"] = "noninteractive" },
    });

    static RunCommandStep Root(string program, params string[] arguments) => new(new CommandSpec(program, arguments) { NeedsRoot = true });
}
