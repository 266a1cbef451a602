using SevStack.Packaging.Inputs;

namespace SevStack.Packaging.Outputs;

/// <summary>One package in artifacts/debs and the manifest: what it is, its hash, and what built it.</summary>
/// <param name="File">Path of the .deb relative to the artifacts folder, e.g. "debs/sevstack-qemu_8.2.0-sevstack1_amd64.deb".</param>
public sealed record PackageRecord(
    string Name,
    string Version,
    string Architecture,
    string File,
    string Sha256,
    PackageSourceInfo Source,
    string CacheKey);
