using System.Text.Json.Nodes;
using SevStack.Testing;

namespace SevStack.Build.Tests;

/// <summary>The build's own .nuke/build.schema.json: every value its parameters take, and Skip.</summary>
public sealed class ParameterSchemaTests
{
    [Fact]
    public async Task The_schema_lists_the_aliases_the_build_takes_and_skip()
    {
        using var repository = new TempDirectory("sevstack-schema");
        // The first run copies this repository's .nuke/ (its schema too); without a schema the second renders one.
        await BuildProgram.RunIsolated(repository, "--help");
        File.Delete(repository.Combine(".nuke", "build.schema.json"));

        var (exit, output) = await BuildProgram.RunIsolated(repository, "--help");

        Assert.True(exit == 0, output);
        var properties = JsonNode.Parse(File.ReadAllText(repository.Combine(".nuke", "build.schema.json")))!["properties"]!;
        var dockerPackages = properties["DockerPackage"]!["enum"]!.AsArray().Select(v => v!.ToJsonString()).ToList();
        Assert.Contains("\"docker.io\"", dockerPackages);
        Assert.Contains("\"docker-ce\"", dockerPackages);
        var generations = properties["KataGeneration"]!["enum"]!.AsArray().Select(v => v!.ToJsonString()).ToList();
        Assert.Contains("\"3\"", generations);
        Assert.Contains("3", generations);
        Assert.Equal("#/definitions/Target", (string?)properties["Skip"]!["anyOf"]![1]!["items"]!["$ref"]);
    }
}
