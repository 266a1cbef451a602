using SevStack.Packaging.Outputs;

namespace SevStack.Packaging;

public sealed record PackageDebsResult(ArtifactsLayout Artifacts, BuildManifest Manifest);
