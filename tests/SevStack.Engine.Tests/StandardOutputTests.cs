using System.Text.Json;
using SevStack.Engine.Hosting;
using SevStack.Engine.Parameters;
using SevStack.Engine.Targets;
using SevStack.Testing;

namespace SevStack.Engine.Tests;

/// <summary>A build whose standard output carries data: only the data there, the console on standard error.</summary>
public sealed class StandardOutputTests : IDisposable
{
    readonly TempDirectory root = new("sevstack-stdout");

    public StandardOutputTests() => Directory.CreateDirectory(root.Combine(".nuke"));

    public void Dispose() => root.Dispose();

    async Task<(int Exit, string StandardOutput, string StandardError)> RunAsync(params string[] args)
    {
        using var standardOutput = new StringWriter();
        using var standardError = new StringWriter();
        var environment = new HostEnvironment(standardOutput, new Dictionary<string, string>(), root.Path, IsTerminal: false) { Error = standardError };
        var exit = await BuildHost.RunAsync(new ReportingBuild(), args, new HostSettings(), environment, CancellationToken.None);
        return (exit, standardOutput.ToString(), standardError.ToString());
    }

    [Theory]
    [InlineData("normal")]
    [InlineData("quiet")]
    [InlineData("verbose")]
    public async Task With_json_output_standard_output_holds_the_json_alone_and_the_console_goes_to_standard_error(string verbosity)
    {
        var (exit, standardOutput, standardError) = await RunAsync("Report", "--format", "json", "--verbosity", verbosity);

        Assert.Equal(0, exit);
        using var document = JsonDocument.Parse(standardOutput);
        Assert.Equal(2, document.RootElement.GetProperty("checks").GetInt32());
        Assert.Contains("Build succeeded", standardError);
        Assert.DoesNotContain("\"checks\"", standardError);
        if (verbosity != "quiet")
            Assert.Contains("collecting the checks", standardError);
        if (verbosity != "quiet")
            Assert.Contains("Report", standardError);
    }

    [Fact]
    public async Task With_text_output_the_console_stays_on_standard_output()
    {
        var (exit, standardOutput, standardError) = await RunAsync("Report", "--format", "text");

        Assert.Equal(0, exit);
        Assert.Contains("2 checks", standardOutput);
        Assert.Contains("Build succeeded", standardOutput);
        Assert.Equal("", standardError);
    }

    [Fact]
    public async Task A_usage_error_goes_to_standard_error()
    {
        var (exit, standardOutput, standardError) = await RunAsync("Report", "--format", "yaml");

        Assert.Equal(2, exit);
        Assert.Equal("", standardOutput);
        Assert.StartsWith("error: Invalid value for --format", standardError);
    }

    public enum Format { Text, Json }

    internal sealed class ReportingBuild : BuildBase, IStandardOutputData
    {
        [Parameter("Report format")]
        public Format Format = Format.Text;

        public bool StandardOutputIsData => Format == Format.Json;

        Target Report => _ => _.Executes(c =>
        {
            c.Log.Info("collecting the checks");
            if (StandardOutputIsData)
                Run.WriteStandardOutput("{ \"checks\": 2 }");
            else
                c.Log.Info("2 checks");
        });
    }
}
