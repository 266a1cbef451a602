using System.Text.Json.Nodes;
using Json.Schema;
using SevStack.Engine.Parameters;

namespace SevStack.Engine.Tests;

/// <summary>.nuke/build.schema.json takes what the parameter files take, Skip included, and nothing else.</summary>
public sealed class ParameterFileSchemaTests : IDisposable
{
    readonly HostTestKit host = new();

    public void Dispose() => host.Dispose();

    async Task<JsonSchema> SchemaAsync()
    {
        Assert.Equal(0, (await host.RunAsync<SampleBuild>("--help")).ExitCode);
        return JsonSchema.FromText(File.ReadAllText(host.Root.Combine(".nuke", "build.schema.json")));
    }

    static bool Valid(JsonSchema schema, string json) => schema.Evaluate(JsonNode.Parse(json)).IsValid;

    [Theory]
    [InlineData("""{ "Flavour": "kata-guest" }""")]
    [InlineData("""{ "Flavour": "kata.guest" }""")]
    [InlineData("""{ "Flavour": "kata_guest" }""")]
    [InlineData("""{ "Flavour": "KataGuest" }""")]
    [InlineData("""{ "Jobs": 8 }""")]
    [InlineData("""{ "Jobs": "8" }""")]
    [InlineData("""{ "MemEncryptByDefault": true }""")]
    [InlineData("""{ "MemEncryptByDefault": "yes" }""")]
    [InlineData("""{ "MemEncryptByDefault": 1 }""")]
    [InlineData("""{ "Packages": ["ccache", "git"] }""")]
    [InlineData("""{ "Packages": "ccache git" }""")]
    [InlineData("""{ "Skip": true }""")]
    [InlineData("""{ "Skip": false }""")]
    [InlineData("""{ "Skip": ["Fetch", "Report"] }""")]
    public async Task What_a_parameter_file_may_say_the_schema_takes_and_the_build_runs_with(string parameters)
    {
        var schema = await SchemaAsync();
        host.Root.WriteFile(".nuke/parameters.json", parameters);

        Assert.True(Valid(schema, parameters), parameters);
        Assert.Equal(0, (await host.RunAsync<SampleBuild>("Fetch")).ExitCode);
    }

    [Theory]
    [InlineData("""{ "Flavour": "vm" }""")]
    [InlineData("""{ "Jobs": 0 }""")]
    [InlineData("""{ "Jobs": "eight" }""")]
    [InlineData("""{ "MemEncryptByDefault": "maybe" }""")]
    [InlineData("""{ "Skip": ["Nope"] }""")]
    [InlineData("""{ "Skip": "Fetch" }""")]
    [InlineData("""{ "Unknown": 1 }""")]
    public async Task What_the_build_refuses_the_schema_refuses(string parameters)
    {
        var schema = await SchemaAsync();
        host.Root.WriteFile(".nuke/parameters.json", parameters);

        Assert.False(Valid(schema, parameters), parameters);
        var (exit, output, _) = await host.RunAsync<SampleBuild>("Fetch");
        Assert.Equal(2, exit);
        Assert.StartsWith("error: ", output);
    }

    [Fact]
    public async Task Every_enum_spelling_the_schema_lists_is_one_the_build_takes()
    {
        await SchemaAsync();
        var schema = JsonNode.Parse(File.ReadAllText(host.Root.Combine(".nuke", "build.schema.json")))!;

        var spellings = schema["properties"]!["Flavour"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()).ToList();

        Assert.Equal(["host", "Host", "kata-guest", "kata.guest", "kata_guest", "KataGuest"], spellings);
        Assert.All(spellings, s => Assert.IsType<Flavour>(ParameterValues.Convert(typeof(Flavour), [s])));
    }
}
