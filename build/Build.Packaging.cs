using SevStack.Build.Parameters;
using SevStack.Build.Outputs;
using SevStack.Engine.Parameters;
using SevStack.Engine.Targets;
using SevStack.Packaging;
using SevStack.Packaging.Apt;
using SevStack.Packaging.Inputs;
using SevStack.Packaging.Outputs;
using SevStack.Sources;

namespace SevStack.Build;

sealed partial class Build
{
    [Parameter("Maintainer of our packages and of the kernel packages, as \"Name <email>\" (the default's .invalid domain says nobody reads it)")]
    readonly PackageMaintainer Maintainer = PackageMaintainer.Parse("SevStack <sevstack@sevstack.invalid>", null);

    [Parameter("Suffix added to each package's upstream version (Debian revision)")]
    readonly DebianRevision BuildSuffix = DebianRevision.Parse("sevstack1", null);

    [Parameter("GnuPG key id that signs artifacts/apt (InRelease); without it the repository is unsigned")]
    readonly SigningKeyId? SigningKey;

    [Parameter("Also ship the kernel's linux-libc-dev package")]
    readonly bool LinuxLibcDev;

    Target PackageDebs => _ => _
        .Description("Package the kernel, QEMU and OVMF (and the Kata guest kernel and QEMU when built in the same run) as reproducible .deb files in artifacts/debs (with its own manifest.json), with SHA256SUMS, manifest.json and a flat apt repository in artifacts/apt")
        .DependsOn(BuildKernel, BuildQemu, BuildOvmf)
        .After(BuildGuestKernel, BuildKataQemu)
        .OnlyWhenStatic(() => Debs == null, "--debs names the packages to install instead")
        .Cacheable(c => c
            .Recipe("packages-2")
            .Upstream(BuildKernel, BuildQemu, BuildOvmf)
            .Input("sources", () => string.Join('\n', new[] { FetchedKernel, FetchedQemu, FetchedOvmf }.Select(s => s?.Identity.Canonical())))
            .Input("maintainer", () => Maintainer.ToString()).Input("build-suffix", () => BuildSuffix.Value).Input("signing-key", () => SigningKey?.Value)
            .Input("linux-libc-dev", () => LinuxLibcDev.ToString()).Input("install-prefix", () => InstallPrefix.Path)
            .Input("kata-flavours", KataFlavourKeys)
            .Input("kata", () => KataStaging?.Source.Canonical())
            .Tool("dpkg-deb", "dpkg-deb", "--version").Tool("dpkg-shlibdeps", "dpkg-shlibdeps", "--version").Tool("gzip", "gzip", "--version")
            .Output(() => new ArtifactsLayout(ArtifactsDirectory).Debs).Output(() => new ArtifactsLayout(ArtifactsDirectory).Apt)
            .Output(() => new ArtifactsLayout(ArtifactsDirectory).Sha256Sums).Output(() => new ArtifactsLayout(ArtifactsDirectory).Manifest))
        .Executes(async context =>
        {
            var kernelSource = Fetched(FetchedKernel, "kernel");
            var kernel = HostKernelPackages;
            var kernelKey = BuildKeyOf(nameof(BuildKernel), kernelSource);
            var kernelDebs = new[] { kernel.Image, kernel.Headers }.Concat(LinuxLibcDev ? [kernel.LibcDev] : [])
                .OfType<string>().Select(path => new KernelDebInput(path, PackagingSource(kernelSource), kernelKey)).ToList();
            var prefix = InstallPrefix.Prefix;
            var request = new PackageDebsRequest(ArtifactsDirectory, [QemuPackage(prefix), OvmfPackage(prefix), .. KataFlavourPackages(prefix), .. KataPackages()], kernelDebs,
                SigningKey is null ? null : new AptSigningKey(SigningKey.Value), LinuxLibcDev);
            var result = await new PackageDebsPipeline(context.Runner, context.Log).RunAsync(request, context.CancellationToken);
            context.Note = string.Join(", ", result.Manifest.Packages.Select(p => p.File));
        });

    DebPackageSpec QemuPackage(SevStack.Packaging.Inputs.InstallPrefix prefix) =>
        QemuFlavourPackage(prefix, nameof(BuildQemu), HostQemu) with
        {
            Name = "sevstack-qemu",
            Summary = "QEMU x86_64 system emulator with AMD SEV support",
            LongDescription = $"QEMU {QemuVersion()} built by SevStack for AMD SEV hosts (x86_64-softmmu, KVM), installed under {prefix}, " +
                $"with {prefix}/bin/{SevStack.Checks.Launch.LauncherScript.FileName} to start plain, SEV, SEV-ES and SEV-SNP guests.",
        };

    /// <summary>What the host and Kata QEMU packages share: version, staged tree, firmware dependencies, licence.</summary>
    DebPackageSpec QemuFlavourPackage(SevStack.Packaging.Inputs.InstallPrefix prefix, string buildTarget, SevStack.Components.Qemu.QemuBuildResult qemu)
    {
        var source = Fetched(FetchedQemu, "qemu");
        return CommonSpec(source, prefix, BuildKeyOf(buildTarget, source)) with
        {
            UpstreamVersion = QemuVersion(), Architecture = "amd64",
            StagingRoot = qemu.StagingDirectory, Section = "otherosfs", Homepage = "https://www.qemu.org",
            ExtraDepends = SevStack.Components.Qemu.QemuConfigureFlags.FirmwarePackages,
            Copyright = new CopyrightNotice("Fabrice Bellard and the QEMU contributors", "GPL-2",
                "On Debian systems, the complete text of the GPL-2 can be found in /usr/share/common-licenses/GPL-2."),
        };
    }

    string QemuVersion() => File.ReadAllText(Path.Combine(Fetched(FetchedQemu, "qemu").Path, "VERSION")).Trim();

    DebPackageSpec OvmfPackage(SevStack.Packaging.Inputs.InstallPrefix prefix)
    {
        var source = Fetched(FetchedOvmf, "ovmf");
        var staging = Path.Combine(BuildRoot, "ovmf-staging");
        var firmware = Path.Combine(staging, prefix.ToString().TrimStart('/'), "share", "sevstack-ovmf");
        if (Directory.Exists(staging))
            Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(firmware);
        foreach (var image in new[] { Ovmf.Code, Ovmf.Vars, Ovmf.Combined }.OfType<string>().Distinct())
            File.Copy(image, Path.Combine(firmware, Path.GetFileName(image)));
        return CommonSpec(source, prefix, BuildKeyOf(nameof(BuildOvmf), source)) with
        {
            Name = "sevstack-ovmf", UpstreamVersion = UpstreamVersion(source), Architecture = "all",
            Summary = "UEFI firmware (OVMF) for AMD SEV guests",
            LongDescription = $"OVMF ({OvmfVariant} platform) built by SevStack from edk2 for SEV guests, installed under {prefix}/share/sevstack-ovmf.",
            StagingRoot = staging, Section = "misc", Homepage = "https://github.com/tianocore/edk2", Strip = false,
            Copyright = new CopyrightNotice("TianoCore contributors", "BSD-2-Clause-Patent",
                "Redistribution and use in source and binary forms, with or without modification, are permitted under the BSD-2-Clause-Patent license."),
        };
    }

    /// <summary>The cache key of the build that made a package's contents (the source's key when the cache is off).</summary>
    string BuildKeyOf(string target, FetchedSource source) =>
        (IsDryRun ? null : OutputOf(target).ReadCacheKey()) ?? source.Identity.Key();

    DebPackageSpec CommonSpec(FetchedSource source, SevStack.Packaging.Inputs.InstallPrefix prefix, string cacheKey) => new()
    {
        Name = "", UpstreamVersion = "", BuildSuffix = BuildSuffix.Value, Architecture = "", Maintainer = Maintainer.ToString(), Summary = "", LongDescription = "",
        StagingRoot = "", Prefix = prefix, Source = PackagingSource(source), CacheKey = cacheKey,
        SourceDateEpoch = source.Identity.SourceDateEpoch ?? 0, Copyright = new CopyrightNotice("", "", ""),
    };

    static SevStack.Packaging.Inputs.PackageSourceInfo PackagingSource(FetchedSource source) =>
        new(source.Identity.Url, source.Identity.Resolved, source.Identity.Patches.Select(p => $"{p.Name} {p.Sha256}").ToList());

    /// <summary>The upstream part of a Debian version (no epoch, no revision), or a dated snapshot version for git sources.</summary>
    static string UpstreamVersion(FetchedSource source)
    {
        if (source.Identity.Version is { } version)
        {
            var withoutEpoch = version.Contains(':') ? version[(version.IndexOf(':') + 1)..] : version;
            return withoutEpoch.Contains('-') ? withoutEpoch[..withoutEpoch.LastIndexOf('-')] : withoutEpoch;
        }
        var date = source.Identity.SourceDate ?? DateTimeOffset.UnixEpoch;
        return $"0~{date:yyyyMMdd}.{source.Identity.Resolved[..Math.Min(8, source.Identity.Resolved.Length)]}";
    }
}
