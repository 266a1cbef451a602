using System.Text.Json;
using System.Text.Json.Serialization;
using Octokit.Internal;

namespace SevStack.Kata.Release;

/// <summary>The fields of GitHub's release document that finding a Kata tarball and its checksum needs.</summary>
public sealed record GitHubRelease(string TagName, string? Body, IReadOnlyList<GitHubReleaseAsset> Assets);

public sealed record GitHubReleaseAsset(string Name, string BrowserDownloadUrl);

/// <summary>
/// Octokit's JSON for the documents SevStack reads, by System.Text.Json's source generator: Octokit's own reflection-based
/// mapping does not survive native compilation of the build program.
/// </summary>
sealed partial class GitHubJsonSerializer : IJsonSerializer
{
    public string Serialize(object item) => throw new NotSupportedException("SevStack sends GitHub no JSON documents");

    public T Deserialize<T>(string json) =>
        (T)(JsonSerializer.Deserialize(json, Documents.Default.GetTypeInfo(typeof(T))
            ?? throw new NotSupportedException($"SevStack reads no GitHub document of type {typeof(T).Name}"))
            ?? throw new JsonException("GitHub answered with an empty document"));

    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
    [JsonSerializable(typeof(GitHubRelease))]
    sealed partial class Documents : JsonSerializerContext;
}
