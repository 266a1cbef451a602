using System.Text.Json.Serialization;

namespace SevStack.Kata.Release;

/// <summary>The fields of GitHub's release document that finding a Kata tarball and its checksum needs.</summary>
public sealed record GitHubRelease(string TagName, string? Body, IReadOnlyList<GitHubReleaseAsset> Assets);

public sealed record GitHubReleaseAsset(string Name, string BrowserDownloadUrl);

/// <summary>
/// The release document read by System.Text.Json's source generator (the natively compiled build program has no
/// reflection-based mapping); a missing required field is an error, not a null.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(GitHubRelease))]
internal sealed partial class GitHubReleaseDocuments : JsonSerializerContext;
