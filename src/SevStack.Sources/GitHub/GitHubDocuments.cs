using System.Text.Json.Serialization;

namespace SevStack.Sources.GitHub;

/// <summary>The one field of GitHub's commit document that resolving a ref needs.</summary>
public sealed record GitHubCommit(string Sha);

/// <summary>GitHub's error document: <c>{"message": "...", "documentation_url": "..."}</c>.</summary>
public sealed record GitHubError(string? Message);

/// <summary>GitHub's documents read by System.Text.Json's source generator: a missing required field is an error, not a null.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(GitHubCommit))]
[JsonSerializable(typeof(GitHubError))]
internal sealed partial class GitHubDocuments : JsonSerializerContext;
